// A small JQL evaluator for the fake Jira: enough for what a connector sends.
//
//   query   := [clause (AND clause)*] [ORDER BY field [ASC|DESC] (, field [ASC|DESC])*]
//   clause  := field (= | != ) value | field [NOT] IN (value, ...) | field (~ | !~) "text"
//            | field (> | >= | < | <=) date | field IS [NOT] EMPTY | field (= | !=) EMPTY
//   value   := "double quoted" | 'single quoted' (backslash escapes \" \' \\) | bare word | fn()
//
// Fields: project, key/issuekey/id, text (summary+description+comments), summary, description,
// comment, created, updated, status, assignee, reporter, issuetype/type, parent, labels.
// Dates: "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm" (UTC), or relative -7d, -2h, -30m,
// -1w, or functions now()/startOfDay(). Keywords and field names are case-insensitive.
// Not supported (400 with a clear message): OR, NOT as a prefix, parentheses around clauses,
// other fields. Errors are thrown as JqlError with Jira's errorMessages text.
// As in Jira, `field = EMPTY` / `field != EMPTY` (bare EMPTY or NULL, not quoted) mean
// `field IS EMPTY` / `field IS NOT EMPTY`; the parser turns them into op 'is' / 'is not'
// (`project != EMPTY` is the usual match-all filter of dynamic webhooks).

export class JqlError extends Error {}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);

function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const n = src[j + 1];
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else {
          value += src[j];
          j += 1;
        }
      }
      if (j >= src.length) throw new JqlError(`Error in the JQL Query: The quoted string '${value}' has not been completed. (line 1, character ${i + 1})`);
      tokens.push({ t: 'str', v: value, pos: i });
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['!=', '!~', '>=', '<='].includes(two)) {
      tokens.push({ t: 'op', v: two, pos: i });
      i += 2;
      continue;
    }
    if ('=~<>'.includes(c)) {
      tokens.push({ t: 'op', v: c, pos: i });
      i += 1;
      continue;
    }
    if ('(),'.includes(c)) {
      tokens.push({ t: c, v: c, pos: i });
      i += 1;
      continue;
    }
    const m = /^[^\s=!~<>(),"']+/.exec(src.slice(i));
    if (!m) throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`);
    let word = m[0];
    // fn() call
    if (src.slice(i + word.length, i + word.length + 2) === '()') {
      tokens.push({ t: 'fn', v: word, pos: i });
      i += word.length + 2;
      continue;
    }
    tokens.push({ t: 'word', v: word, pos: i });
    i += word.length;
  }
  return tokens;
}

const FIELD_ALIASES = {
  project: 'project',
  key: 'key',
  issuekey: 'key',
  id: 'key',
  text: 'text',
  summary: 'summary',
  description: 'description',
  comment: 'comment',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  status: 'status',
  assignee: 'assignee',
  reporter: 'reporter',
  issuetype: 'issuetype',
  type: 'issuetype',
  parent: 'parent',
  labels: 'labels',
};

export function parseJql(src) {
  const tokens = tokenize(src || '');
  let p = 0;
  const peek = () => tokens[p];
  const isWord = (tok, w) => tok && tok.t === 'word' && tok.v.toLowerCase() === w;
  const expectValue = () => {
    const tok = tokens[p];
    if (!tok || !['str', 'word', 'fn'].includes(tok.t) || (tok.t === 'word' && KEYWORDS.has(tok.v.toLowerCase()) && !['empty', 'null'].includes(tok.v.toLowerCase()))) {
      throw new JqlError(`Error in the JQL Query: Expecting either a value, list or function but got '${tok ? tok.v : '<EOF>'}'. You must surround '${tok ? tok.v : ''}' in quotation marks to use it as a value.`);
    }
    p += 1;
    return tok;
  };
  const clauses = [];
  const orderBy = [];
  while (p < tokens.length) {
    const tok = peek();
    if (isWord(tok, 'order')) break;
    if (clauses.length > 0) {
      if (isWord(tok, 'or')) throw new JqlError('Error in the JQL Query: OR is not supported by the fake Jira (tests/peers/atlassian); use AND.');
      if (!isWord(tok, 'and')) throw new JqlError(`Error in the JQL Query: Expecting operator before the end of the query but got '${tok.v}'.`);
      p += 1;
    }
    const fieldTok = tokens[p];
    if (!fieldTok || fieldTok.t === '(') throw new JqlError('Error in the JQL Query: parentheses and NOT are not supported by the fake Jira; use simple AND clauses.');
    if (fieldTok.t !== 'word' && fieldTok.t !== 'str') throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${fieldTok.v}'.`);
    if (isWord(fieldTok, 'not')) throw new JqlError('Error in the JQL Query: NOT as a prefix is not supported by the fake Jira.');
    const field = FIELD_ALIASES[fieldTok.v.toLowerCase()];
    if (!field) throw new JqlError(`Field '${fieldTok.v}' does not exist or you do not have permission to view it.`);
    p += 1;
    const opTok = tokens[p];
    if (!opTok) throw new JqlError(`Error in the JQL Query: Expecting operator but got the end of the query.`);
    let op;
    let values = [];
    if (opTok.t === 'op') {
      op = opTok.v;
      p += 1;
      const v = expectValue();
      if ((op === '=' || op === '!=') && v.t === 'word' && ['empty', 'null'].includes(v.v.toLowerCase())) {
        op = op === '=' ? 'is' : 'is not';
      } else {
        values = [v];
      }
    } else if (isWord(opTok, 'in')) {
      op = 'in';
      p += 1;
    } else if (isWord(opTok, 'not') && isWord(tokens[p + 1], 'in')) {
      op = 'not in';
      p += 2;
    } else if (isWord(opTok, 'is')) {
      p += 1;
      if (isWord(peek(), 'not')) {
        op = 'is not';
        p += 1;
      } else {
        op = 'is';
      }
      const v = expectValue();
      if (!['empty', 'null'].includes(v.v.toLowerCase())) throw new JqlError(`Error in the JQL Query: Expecting EMPTY or NULL after IS but got '${v.v}'.`);
      values = [];
    } else {
      throw new JqlError(`Error in the JQL Query: Expecting operator but got '${opTok.v}'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`);
    }
    if (op === 'in' || op === 'not in') {
      if (!peek() || peek().t !== '(') throw new JqlError(`Error in the JQL Query: Expecting '(' after ${op.toUpperCase()}.`);
      p += 1;
      for (;;) {
        values.push(expectValue());
        const sep = peek();
        if (sep && sep.t === ',') {
          p += 1;
          continue;
        }
        if (sep && sep.t === ')') {
          p += 1;
          break;
        }
        throw new JqlError("Error in the JQL Query: Expecting ',' or ')' in the list.");
      }
    }
    clauses.push({ field, op, values: values.map((v) => ({ kind: v.t, value: v.v })), raw: fieldTok.v });
  }
  if (p < tokens.length) {
    if (!isWord(peek(), 'order') || !isWord(tokens[p + 1], 'by')) throw new JqlError(`Error in the JQL Query: Expecting 'ORDER BY' but got '${peek().v}'.`);
    p += 2;
    for (;;) {
      const f = tokens[p];
      if (!f || (f.t !== 'word' && f.t !== 'str')) throw new JqlError('Error in the JQL Query: Expecting a field name after ORDER BY.');
      const name = f.v.toLowerCase();
      const field = { updated: 'updated', updateddate: 'updated', created: 'created', createddate: 'created', key: 'key', issuekey: 'key', id: 'key', summary: 'summary', priority: 'priority', status: 'status', rank: 'key' }[name];
      if (!field) throw new JqlError(`Not able to sort using field '${f.v}'.`);
      p += 1;
      let dir = null;
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc')) {
        dir = peek().v.toLowerCase();
        p += 1;
      }
      orderBy.push({ field, dir: dir || (field === 'updated' || field === 'created' ? 'desc' : 'asc') });
      if (orderBy.length > 7) throw new JqlError('The ORDER BY clause can contain at most 7 fields.');
      if (peek() && peek().t === ',') {
        p += 1;
        continue;
      }
      break;
    }
    if (p < tokens.length) throw new JqlError(`Error in the JQL Query: Expecting end of the query after ORDER BY but got '${peek().v}'.`);
  }
  return { clauses, orderBy };
}

// Parses a JQL date value to epoch ms (UTC); `now` for relative values.
export function jqlDate(v, now) {
  if (v.kind === 'fn') {
    const name = v.value.toLowerCase();
    if (name === 'now') return now;
    if (name === 'startofday') return now - (now % 86400000);
    throw new JqlError(`Unable to find JQL function '${v.value}()'.`);
  }
  const s = String(v.value).trim();
  const rel = /^([-+]?)(\d+)([wdhm])$/.exec(s);
  if (rel) {
    const unit = { w: 7 * 86400000, d: 86400000, h: 3600000, m: 60000 }[rel[3]];
    return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  const abs = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(s);
  if (abs) {
    return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] || 0), Number(abs[5] || 0));
  }
  throw new JqlError(`Date value '${s}' for field is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
}
