// Seeded, deterministic data of the fake Atlassian Cloud upstream (server.mjs): users, Jira
// projects/issues/comments and Confluence spaces/pages/footer comments. `seed()` returns a fresh
// mutable state; the same call always returns the same data (no clock, no randomness).

export const USERS = [
  { accountId: '5b10a2844c20165700ede21g', displayName: 'Alice Ångström', email: 'alice@example.com', timeZone: 'Europe/Stockholm', accountType: 'atlassian' },
  { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: "Bob O'Brien", email: 'bob@example.com', timeZone: 'Europe/Dublin', accountType: 'atlassian' },
  { accountId: '712020:2c8f6b1e-4a7d-4c55-9a2e-0d3f5b6c7e81', displayName: '陈伟 (Chen Wei)', email: 'chen.wei@example.com', timeZone: 'Asia/Shanghai', accountType: 'atlassian' },
  { accountId: '557058:0f1e2d3c-4b5a-4697-8877-665544332211', displayName: 'Dana Müller', email: 'dana@example.com', timeZone: 'Europe/Berlin', accountType: 'atlassian' },
  { accountId: '5d53f3cbc6b9320d9ea5bdc2', displayName: 'Automation for Jira', email: null, timeZone: 'UTC', accountType: 'app' },
];

export const PROJECTS = [
  { id: '10000', key: 'ENG', name: 'Engineering', type: 'software', style: 'next-gen', simplified: true, lead: 0, issues: 120, description: 'Product engineering: backend, frontend and infrastructure.' },
  { id: '10001', key: 'OPS', name: "Zoë's Ops — 日本", type: 'business', style: 'classic', simplified: false, lead: 2, issues: 6, description: 'Operations for the Tokyo office (東京).' },
  { id: '10002', key: 'MKT', name: 'Marketing & Growth', type: 'business', style: 'classic', simplified: false, lead: 1, issues: 3, description: '' },
  { id: '10003', key: 'SUP', name: 'Support "Tier 1"', type: 'service_desk', style: 'classic', simplified: false, lead: 3, issues: 2, description: 'Customer support queue.' },
  { id: '10004', key: 'DATA', name: 'Data Platform', type: 'software', style: 'classic', simplified: false, lead: 0, issues: 1, description: 'Pipelines, warehouse and dashboards.' },
  { id: '10005', key: 'SEC', name: 'Security <Red Team>', type: 'software', style: 'next-gen', simplified: true, lead: 3, issues: 0, description: 'Findings & remediation.' },
  { id: '10006', key: 'HR', name: 'People Ops / HR', type: 'business', style: 'classic', simplified: false, lead: 1, issues: 0, description: '' },
];

export const STATUSES = [
  { id: '10000', name: 'To Do', description: '', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  { id: '3', name: 'In Progress', description: 'This issue is being actively worked on at the moment by the assignee.', category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  { id: '10001', name: 'Done', description: '', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
];

export const ISSUE_TYPES = {
  epic: { id: '10000', name: 'Epic', description: 'A big user story that needs to be broken down.', subtask: false, hierarchyLevel: 1, avatarId: 10307 },
  story: { id: '10001', name: 'Story', description: 'Functionality or a feature expressed as a user goal.', subtask: false, hierarchyLevel: 0, avatarId: 10315 },
  task: { id: '10002', name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0, avatarId: 10318 },
  subtask: { id: '10003', name: 'Subtask', description: 'A small piece of work that\'s part of a larger task.', subtask: true, hierarchyLevel: -1, avatarId: 10316 },
  bug: { id: '10004', name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0, avatarId: 10303 },
};

export const PRIORITIES = [
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
];

export const SPACES = [
  { id: '131073', key: 'ENG', name: 'Engineering Handbook', type: 'global', status: 'current', author: 0, pages: 60, description: 'How we build, ship and run things.' },
  { id: '131074', key: 'OPS', name: "Zoë's Ops — 日本", type: 'global', status: 'current', author: 2, pages: 5, description: 'Runbooks and on-call (当番).' },
  { id: '131075', key: 'KB', name: 'Knowledge Base & FAQ', type: 'knowledge_base', status: 'current', author: 3, pages: 8, description: 'Answers to the questions customers ask.' },
  { id: '131076', key: 'ARCH', name: 'Archive 2019', type: 'global', status: 'archived', author: 1, pages: 2, description: 'Old material, read only.' },
  { id: '131077', key: '~5b10a2844c20165700ede21g', name: 'Alice Ångström', type: 'personal', status: 'current', author: 0, pages: 1, description: '' },
];

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const JIRA_EPOCH = Date.UTC(2025, 5, 2, 8, 0, 0); // 2025-06-02T08:00:00Z
const CONFLUENCE_EPOCH = Date.UTC(2025, 2, 3, 9, 30, 0); // 2025-03-03T09:30:00Z

// Jira's timestamp format: 2026-01-02T10:20:30.000+0000
export function jiraTime(ms) {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
// Confluence v2's: 2026-01-02T10:20:30.000Z
export function confluenceTime(ms) {
  return new Date(ms).toISOString();
}

const COMPONENTS = ['login page', 'search API', 'billing export', 'webhook relay', 'Résumé upload', 'CSV importer', 'dark mode', 'rate limiter', 'audit log', 'mobile sync', 'PDF renderer', 'i18n (日本語)'];
const PROBLEMS = ['times out under load', 'shows the wrong totals', 'drops the last page', 'breaks on "quoted" names', 'needs a retry budget', 'leaks a file handle', 'is slow on large tenants', 'crashes with emoji 🚀 input', 'ignores the locale', 'returns 500 after deploy'];
const VERBS = ['Fix', 'Investigate', 'Improve', 'Document', 'Refactor', 'Add tests for'];
const LABELS = [['backend'], ['frontend', 'ux'], [], ['customer-reported'], ['tech-debt'], ['ümlaut-label']];

function text(t, marks) {
  const node = { type: 'text', text: t };
  if (marks) node.marks = marks;
  return node;
}
function paragraph(...content) {
  return { type: 'paragraph', content };
}
function mention(user) {
  return { type: 'mention', attrs: { id: user.accountId, text: `@${user.displayName}`, accessLevel: '' } };
}

export function adfDoc(...content) {
  return { type: 'doc', version: 1, content };
}

// A plain-text paragraph document (used for created comments/issues given as text by tests).
export function adfFromText(t) {
  return adfDoc(paragraph(text(t)));
}

// Plain text of an ADF node (search uses it).
export function adfText(node) {
  if (!node || typeof node !== 'object') return '';
  if (node.type === 'text') return node.text || '';
  if (node.type === 'mention') return node.attrs?.text || '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content || []).map(adfText).join(node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList' ? '\n' : '');
  return inner;
}

function issueDescription(i, summary, reporter, assignee) {
  if (i % 9 === 0) return null;
  const blocks = [
    paragraph(text(`${summary}. Reported by `), mention(reporter), text(' — see the steps below.')),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [paragraph(text('Open '), text('the dashboard', [{ type: 'link', attrs: { href: `https://example.com/dash?issue=${i}&lang=ja` } }]), text(' as an admin'))] },
        { type: 'listItem', content: [paragraph(text('Expected: ', [{ type: 'strong' }]), text('no error, results in < 2 s'))] },
        { type: 'listItem', content: [paragraph(text('Actual: '), text('spinner forever', [{ type: 'em' }]))] },
      ],
    },
    { type: 'codeBlock', attrs: { language: 'json' }, content: [text(`{"issue": ${i}, "path": "C:\\\\tmp\\\\a.csv", "note": "naïve"}`)] },
  ];
  if (assignee) blocks.push(paragraph(text('Owner: '), mention(assignee)));
  if (i === 42) blocks.push(paragraph(text('The needle is "hidden \\ here" in the haystack.')));
  return adfDoc(...blocks);
}

function commentBody(n, author, issueKey) {
  const variants = [
    () => adfDoc(paragraph(text(`Looked into ${issueKey}: it reproduces on staging.`))),
    () => adfDoc(paragraph(text('Thanks '), mention(author), text('! Deploying the fix now 🚀'))),
    () => adfDoc(paragraph(text('Logs:')), { type: 'codeBlock', attrs: { language: 'text' }, content: [text(`ERROR timeout after 30s (attempt ${n})`)] }),
    () => adfDoc(paragraph(text('Ça marche — 大丈夫です. See '), text('the runbook', [{ type: 'link', attrs: { href: 'https://example.com/runbook#retry' } }]), text('.'))),
  ];
  return variants[n % variants.length]();
}

function slug(title) {
  return encodeURIComponent(title.replace(/\s+/g, '+')).replace(/%2B/g, '+');
}

export function pageWebui(space, page) {
  return `/spaces/${space.key}/pages/${page.id}/${slug(page.title)}`;
}

function storageBody(title, author, n) {
  return `<p>Welcome to <strong>${escapeXml(title)}</strong> — please read it before your first on-call (当番).</p>`
    + `<ul><li><p>Step ${n}: check the <a href="https://example.com/dash?page=${n}&amp;lang=de">dashboard</a></p></li><li><p>Ask <ac:link><ri:user ri:account-id="${author.accountId}" /></ac:link> when unsure.</p></li></ul>`
    + '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter>'
    + `<ac:plain-text-body><![CDATA[make test && echo "ok ${n}" | tee /tmp/out.txt]]></ac:plain-text-body></ac:structured-macro>`;
}

export function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function storageToAdf(value) {
  // Good enough for the fake: one paragraph with the storage text stripped of tags.
  const plain = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return adfFromText(plain);
}

const PAGE_TOPICS = ['Onboarding: first week ✔', 'Deploy checklist', 'Incident review 2025-07', 'API style guide', 'Q&A <draft>', 'Runbook "Tier 1" — 日本', 'Architecture decision records', 'Release notes', 'Coding standards (C++20)', 'Glossary: Ä–Ö'];

export function seed() {
  const state = {
    users: USERS.map((u) => ({ ...u })),
    projects: PROJECTS.map((p) => ({ ...p })),
    issues: [], // in creation order
    comments: new Map(), // issue id -> [comment]
    spaces: SPACES.map((s) => ({ ...s })),
    pages: [],
    footerComments: new Map(), // page id -> [comment]
    webhooks: [],
    next: { issueId: 10001, commentId: 10000, pageId: 1000001, footerCommentId: 2000001, webhookId: 1 },
  };
  const users = state.users;
  const people = users.slice(0, 4);

  // Jira issues, project by project.
  for (const project of state.projects) {
    const epics = [];
    for (let n = 1; n <= project.issues; n += 1) {
      const i = state.next.issueId - 10000; // global 1-based index
      const id = String(state.next.issueId);
      state.next.issueId += 1;
      const key = `${project.key}-${n}`;
      let type = [ISSUE_TYPES.story, ISSUE_TYPES.bug, ISSUE_TYPES.task][i % 3];
      if (project.key === 'ENG' && n <= 4) type = ISSUE_TYPES.epic;
      let parent = null;
      if (project.key === 'ENG' && n > 4) {
        if (n % 10 === 0) {
          type = ISSUE_TYPES.subtask;
          parent = `${project.key}-${n - 1}`;
        } else if (n % 3 === 0) {
          parent = epics[n % epics.length];
        }
      }
      if (type === ISSUE_TYPES.epic) epics.push(key);
      let summary = `${VERBS[i % VERBS.length]} ${COMPONENTS[(i * 7) % COMPONENTS.length]} that ${PROBLEMS[(i * 3) % PROBLEMS.length]}`;
      if (type === ISSUE_TYPES.epic) summary = `Epic: ${['Search v2', 'Billing revamp', 'Zoë onboarding flow — 日本', 'Reliability 2026'][n - 1]}`;
      if (key === 'ENG-7') summary = 'Résumé upload fails for "quoted" names — 日本語 filenames';
      const reporter = people[(i + 1) % 4];
      const assignee = i % 4 === 0 ? null : people[i % 4];
      const created = JIRA_EPOCH + i * 7 * HOUR + (i % 60) * 60 * 1000;
      const updated = created + ((i * 37) % 240) * HOUR + i * 1000;
      const status = STATUSES[(i * 5) % 3];
      const issue = {
        id,
        key,
        projectId: project.id,
        number: n,
        summary,
        type,
        status,
        priority: PRIORITIES[i % 3],
        reporter: reporter.accountId,
        creator: reporter.accountId,
        assignee: assignee ? assignee.accountId : null,
        created,
        updated,
        labels: LABELS[i % LABELS.length],
        parent,
        description: issueDescription(i, summary, reporter, assignee),
      };
      state.issues.push(issue);
      // Comments: ENG-1 has 30 (paging), others 0-3.
      const count = key === 'ENG-1' ? 30 : i % 4;
      const list = [];
      for (let c = 0; c < count; c += 1) {
        const author = people[(i + c) % 4];
        const at = created + (c + 1) * 90 * 60 * 1000;
        list.push({
          id: String(state.next.commentId),
          author: author.accountId,
          updateAuthor: author.accountId,
          body: commentBody(c, author, key),
          created: at,
          updated: c % 5 === 4 ? at + 10 * 60 * 1000 : at,
        });
        state.next.commentId += 1;
      }
      state.comments.set(id, list);
    }
  }

  // Confluence pages, space by space.
  let pageIndex = 0;
  for (const space of state.spaces) {
    const spacePages = [];
    for (let n = 0; n < space.pages; n += 1) {
      pageIndex += 1;
      const id = String(state.next.pageId);
      state.next.pageId += 1;
      const author = people[(pageIndex + space.author) % 4];
      let title;
      let parentId = null;
      let position = 0;
      if (n === 0) {
        title = space.type === 'personal' ? `${space.name} Home` : `${space.name} Home`;
      } else {
        title = `${PAGE_TOPICS[(n - 1) % PAGE_TOPICS.length]}${n > PAGE_TOPICS.length ? ` (${Math.ceil(n / PAGE_TOPICS.length)})` : ''}`;
        // Level 1 under the homepage; every 4th page is a child of the page before.
        if (n % 4 === 0 && n > 1) {
          parentId = spacePages[n - 2].id;
        } else {
          parentId = spacePages[0].id;
        }
        position = n * 100;
      }
      const created = CONFLUENCE_EPOCH + pageIndex * DAY / 3 + (pageIndex % 17) * 60 * 1000;
      const versionNumber = 1 + (pageIndex % 5);
      const page = {
        id,
        spaceId: space.id,
        title,
        parentId,
        position,
        status: 'current',
        authorId: author.accountId,
        ownerId: author.accountId,
        createdAt: created,
        version: { number: versionNumber, createdAt: created + (versionNumber - 1) * 6 * HOUR, authorId: people[(pageIndex + 1) % 4].accountId, message: versionNumber > 1 ? 'Updated links' : '' },
        storage: storageBody(title, author, n),
      };
      spacePages.push(page);
      state.pages.push(page);
      // Footer comments: the ENG homepage has 30 (paging), others 0-2.
      const count = space.key === 'ENG' && n === 0 ? 30 : pageIndex % 3;
      const list = [];
      for (let c = 0; c < count; c += 1) {
        const cauthor = people[(pageIndex + c) % 4];
        const at = created + (c + 1) * 2 * HOUR;
        list.push({
          id: String(state.next.footerCommentId),
          pageId: id,
          status: 'current',
          authorId: cauthor.accountId,
          createdAt: at,
          version: { number: 1, createdAt: at, authorId: cauthor.accountId, message: '' },
          storage: c % 2 === 0
            ? `<p>Comment ${c + 1}: looks good — ありがとう!</p>`
            : `<p>Please update step ${c}; see <a href="https://example.com/x?a=1&amp;b=2">this</a>.</p>`,
        });
        state.footerComments.set(id, list);
        state.next.footerCommentId += 1;
      }
      if (!state.footerComments.has(id)) state.footerComments.set(id, list);
    }
    space.homepageId = spacePages[0]?.id;
    space.createdAt = CONFLUENCE_EPOCH - (state.spaces.indexOf(space) + 1) * 30 * DAY;
    space.authorId = USERS[space.author].accountId;
  }
  return state;
}
