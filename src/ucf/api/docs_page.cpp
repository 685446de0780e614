#include "ucf/api/docs_page.hpp"

namespace ucf::api {

std::string_view DocsPageHtml() {
  static constexpr std::string_view kPage = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>UCF API reference</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#F9FAFB;color:#111827;margin:0}
header{background:#fff;border-bottom:1px solid #E5E7EB;padding:16px 24px}
h1{margin:0;font-size:20px;color:#2563EB}
main{max-width:960px;margin:24px auto;padding:0 16px}
.op{background:#fff;border:1px solid #E5E7EB;border-radius:.75rem;margin:8px 0;padding:10px 14px}
.m{display:inline-block;min-width:64px;font-weight:600;color:#2563EB}
.tag{color:#6B7280;font-size:12px;margin-left:8px}
code{font-family:ui-monospace,monospace}
</style></head>
<body><header><h1>Unified Connector Framework — API reference</h1>
<div>Every <code>/api</code> response is an envelope <code>{ok, data, error}</code>. Send
<code>Authorization: Bearer &lt;api key&gt;</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</div>
</header><main id="ops">Loading…</main>
<script>
fetch('/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('ops');main.textContent='';
  for(const [path,ops] of Object.entries(doc.paths)){
    for(const [method,op] of Object.entries(ops)){
      const div=document.createElement('div');div.className='op';
      const m=document.createElement('span');m.className='m';m.textContent=method.toUpperCase();
      const p=document.createElement('code');p.textContent=path;
      const t=document.createElement('span');t.className='tag';t.textContent=(op.tags||[]).join(', ')+(op.security?' · auth':'');
      const s=document.createElement('div');s.textContent=op.summary||'';
      div.append(m,p,t,s);main.append(div);
    }
  }
});
</script></body></html>
)html";
  return kPage;
}

}  // namespace ucf::api
