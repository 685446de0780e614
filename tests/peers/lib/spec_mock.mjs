// What the `prism mock --dynamic` peers share (atlassian/mock.mjs, github/mock.mjs): the
// json-schema-faker options and the `nullable` rewrite of their spec copies.

export const FAKER_OPTIONS = {
  alwaysFakeOptionals: false,
  optionalsProbability: 0.5,
  fixedProbabilities: false,
  // json-schema-faker ignores maxItems unless minItems is set too (0 counts as unset): 1-2 items.
  // Empty lists are still exercised: an optional list is absent half of the time.
  minItems: 1,
  maxItems: 2,
  // Jira's schemas nest deeply (IssueBean -> changelog -> histories -> items, editmeta, …): with
  // invented extra properties and deeper references one body took minutes and gigabytes.
  fillProperties: false,
  refDepthMax: 2,
  // IssueBean members no mapping reads whose recursive schemas (LinkGroup.groups, …) made single
  // bodies of several megabytes; everything the mappings read is generated.
  pruneProperties: ['operations', 'editmeta', 'changelog', 'transitions', 'versionedRepresentations'],
};

// `nullable: true` -> a null alternative json-schema-faker understands.
export function realNulls(node) {
  if (Array.isArray(node)) return node.map(realNulls);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = realNulls(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (out.enum) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
