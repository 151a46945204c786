/**
 * Classic cross-site scripting vectors, after the OWASP filter evasion cheat
 * sheet and the mutation-XSS papers. Each one, should it ever run, calls
 * `window.__x(n)` (or `alert(n)`) with its own number, so a test knows which
 * one got through and where. The xss test stores them in every text field a
 * user can write and loads every page that shows them.
 */

export interface XssVector {
  id: number;
  name: string;
  text: string;
}

const make = (name: string, build: (n: number) => string) => ({ name, build });

const BUILDERS = [
  make('script element', (n) => `<script>window.__x(${n})</script>`),
  make('img onerror', (n) => `<img src=x onerror="window.__x(${n})">`),
  make('svg onload', (n) => `<svg onload="window.__x(${n})">`),
  make('svg/onload without space', (n) => `<svg/onload=window.__x(${n})>`),
  make('body onload', (n) => `<body onload=window.__x(${n})>`),
  make('attribute break, double quote', (n) => `"><script>window.__x(${n})</script>`),
  make('attribute break, single quote', (n) => `'><img src=x onerror=window.__x(${n})>`),
  make('attribute break into event handler', (n) => `" autofocus onfocus="window.__x(${n})" x="`),
  make('unquoted attribute break', (n) => `x onmouseover=window.__x(${n}) autofocus onfocus=window.__x(${n})`),
  make('javascript: URL', (n) => `javascript:window.__x(${n})`),
  make('javascript: URL, mixed case', (n) => `JaVaScRiPt:window.__x(${n})`),
  make('javascript: URL with a tab entity', (n) => `jav&#x09;ascript:window.__x(${n})`),
  make('javascript: URL, entity-encoded', (n) => `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__x(${n})`),
  make('javascript: URL with a leading space and newline', (n) => ` \njavascript:window.__x(${n})`),
  make('link with a tabbed javascript: href', (n) => `<a href="jav&#x09;ascript:window.__x(${n})">click</a>`),
  make('data: URL', (n) => `data:text/html;base64,${Buffer.from(`<script>parent.__x(${n})</script>`).toString('base64')}`),
  make('iframe srcdoc', (n) => `<iframe srcdoc="&lt;script&gt;parent.__x(${n})&lt;/script&gt;"></iframe>`),
  make('iframe javascript: src', (n) => `<iframe src="javascript:parent.__x(${n})"></iframe>`),
  make('object data', (n) => `<object data="javascript:window.__x(${n})"></object>`),
  make('embed src', (n) => `<embed src="data:text/html,<script>parent.__x(${n})</script>">`),
  make('end the title', (n) => `</title><script>window.__x(${n})</script>`),
  make('end a textarea', (n) => `</textarea><script>window.__x(${n})</script>`),
  make('end a style element', (n) => `</style><script>window.__x(${n})</script>`),
  make('end the JSON-LD script', (n) => `</script><script>window.__x(${n})</script>`),
  make('end the JSON-LD script, mixed case', (n) => `</ScRiPt ><script>window.__x(${n})</script>`),
  make('HTML comment break', (n) => `--><script>window.__x(${n})</script><!--`),
  make('CDATA break', (n) => `]]><script>window.__x(${n})</script>`),
  make('mixed-case script', (n) => `<ScRiPt>window.__x(${n})</sCrIpT>`),
  make('entity-encoded tag', (n) => `&lt;script&gt;window.__x(${n})&lt;/script&gt;`),
  make('double-encoded tag', (n) => `%3Cscript%3Ewindow.__x(${n})%3C/script%3E`),
  make('CSS expression', (n) => `<div style="width: expression(window.__x(${n}))">x</div>`),
  make('CSS url(javascript:)', (n) => `<div style="background:url('javascript:window.__x(${n})')">x</div>`),
  make('style attribute break', (n) => `red;}</style><style>body{background:url("javascript:window.__x(${n})")}</style>`),
  make('template literal', (n) => `\${window.__x(${n})}`),
  make('AngularJS sandbox escape', (n) => `{{constructor.constructor('window.__x(${n})')()}}`),
  make('mutation XSS: noscript', (n) => `<noscript><p title="</noscript><img src=x onerror=window.__x(${n})>">`),
  make('mutation XSS: svg style', (n) => `<svg><style><img src=x onerror=window.__x(${n})></style></svg>`),
  make('mutation XSS: math', (n) => `<math><mtext><table><mglyph><style><img src=x onerror=window.__x(${n})></style></mglyph></table></mtext></math>`),
  make('details ontoggle', (n) => `<details open ontoggle="window.__x(${n})"><summary>x</summary></details>`),
  make('input autofocus', (n) => `<input autofocus onfocus="window.__x(${n})">`),
  make('form action', (n) => `<form action="javascript:window.__x(${n})"><button>go</button></form>`),
  make('meta refresh', (n) => `<meta http-equiv="refresh" content="0;url=javascript:window.__x(${n})">`),
  make('base href', (n) => `<base href="javascript:window.__x(${n})//">`),
  make('alert dialog', (n) => `<img src=x onerror=alert(${n})>`),
  make('null byte in tag', (n) => `<scr\u0000ipt>window.__x(${n})</scr\u0000ipt>`),
  make('unicode-escaped JSON breaking', (n) => `\u2028\u2029"};window.__x(${n});//`),
  make('markdown-style link', (n) => `[click](javascript:window.__x(${n}))`),
  make('srcset onerror', (n) => `<img srcset="x" onerror="window.__x(${n})">`),
];

export const XSS_VECTORS: XssVector[] = BUILDERS.map((builder, index) => ({ id: index + 1, name: builder.name, text: builder.build(index + 1) }));
