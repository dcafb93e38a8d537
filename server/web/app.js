// The pages of `nianbao serve` (docs/web.md): check a report, fill one in, a region's dashboard,
// an agency's history. Plain JavaScript on the JSON API of the same server; nothing is fetched
// from anywhere else. Every text that comes from a report or a finding is put into the page as
// text (textContent, text nodes, attribute values), never parsed as markup.
'use strict';

// ---- words of the page ------------------------------------------------------------------------

const WORDS = {
  zh: {
    skip: '跳到正文', title: '政府信息公开工作年度报告', nav: '页面', language: '语言',
    nav_check: '检查报告', nav_fill: '填报', nav_dashboard: '地区汇总', nav_history: '机关历年',
    check_title: '检查年度报告',
    check_lead: '选择或拖入一份年度报告（Excel、Word、PDF、网页、文本、JSON 或交换 XML），逐格、逐段查看检查结果。',
    drop_big: '把报告文件拖到这里', drop_or: '或', choose_file: '选择文件',
    reading: '正在读取和检查…', findings: '检查结果', no_findings: '未发现问题',
    sev_error: '错误', sev_warning: '警告', sev_info: '提示', show: '显示',
    download: '下载', dl_docx: 'Word（DOCX）', dl_xml: '交换 XML', dl_json: 'JSON', dl_xlsx: 'Excel（XLSX）',
    errors_n: '错误 {n}', warnings_n: '警告 {n}', infos_n: '提示 {n}',
    should_be: '应为 {v}', cannot_read: '报告无法读取', year_label: '{y} 年度',
    preamble: '前言', no_text: '（无正文）', blank: '空白',
    fill_title: '填报年度报告',
    fill_lead: '按国家格式逐格填写，合计随填随算，每次修改后自动检查。内容保存在本浏览器中，直到保存到报告库。',
    format: '格式', year: '年度', agency_name: '机关名称', region_code: '行政区划代码', agency_id: '机关代码（报告库）',
    agency_kind: '机关类型', kind_government: '人民政府', kind_department: '政府部门', kind_township: '乡镇（街道）', kind_other: '其他',
    token: '写入令牌', import_file: '从文件导入', new_form: '清空重填', fill_zero: '空白格填 0', fill_totals: '按合计关系填入合计',
    save_store: '保存到报告库', checking: '正在检查…', checked: '已检查：{s}', draft_restored: '已恢复本浏览器中未保存的内容',
    saved: '已保存到报告库（第 {r} 版）', sum_hint: '合计 {v}', paste_hint: '可从表格软件复制一块单元格，粘贴到任一格（按 Tab 分列、换行分行）。',
    sections_title: '正文', para_n: '第 {n} 段', need_token: '请填写机关代码、行政区划代码和写入令牌',
    pasted: '已粘贴 {n} 格',
    dash_title: '地区汇总', dash_lead: '一个地区各机关某年度的报送和检查情况、汇总表和图表。',
    show_btn: '查看', agencies: '机关', submitted: '已报送', missing: '未报送', with_errors: '有错误', late: '逾期公开',
    col_agency: '机关', col_status: '状态', col_errors: '错误', col_warnings: '警告', col_worst: '最主要的问题', col_published: '公开日期',
    status_missing: '未报送', status_errors: '有错误', status_warnings: '有警告', status_ok: '通过',
    filter: '筛选', filter_all: '全部', export_csv: '导出 CSV', chart_apps: '各机关本年新收政府信息公开申请数量',
    aggregate: '汇总表', no_reports: '该地区该年度还没有报告', applications: '申请数', loading: '正在加载…',
    hist_title: '机关历年', hist_lead: '一个机关各年度的报告、跨年度检查结果和申请办理情况。',
    from_year: '起始年度', to_year: '截止年度', report_of: '{y} 年度报告', cross_year: '跨年度检查结果',
    chart_history: '历年申请与办理', new_apps: '本年新收申请', granted: '予以公开', results_total: '办理结果总计',
    none: '无', open_report: '查看', unknown_agency: '没有这个机关',
  },
  en: {
    skip: 'Skip to content', title: 'Government information disclosure annual reports', nav: 'Pages', language: 'Language',
    nav_check: 'Check a report', nav_fill: 'Fill in', nav_dashboard: 'Region', nav_history: 'Agency history',
    check_title: 'Check an annual report',
    check_lead: 'Choose or drop an annual report (Excel, Word, PDF, web page, text, JSON or exchange XML) and see the findings at their cells and paragraphs.',
    drop_big: 'Drop the report file here', drop_or: 'or', choose_file: 'Choose a file',
    reading: 'Reading and checking…', findings: 'Findings', no_findings: 'No findings',
    sev_error: 'Errors', sev_warning: 'Warnings', sev_info: 'Notes', show: 'Show',
    download: 'Download', dl_docx: 'Word (DOCX)', dl_xml: 'Exchange XML', dl_json: 'JSON', dl_xlsx: 'Excel (XLSX)',
    errors_n: 'errors: {n}', warnings_n: 'warnings: {n}', infos_n: 'notes: {n}',
    should_be: 'should be {v}', cannot_read: 'The report cannot be read', year_label: 'year {y}',
    preamble: 'Preamble', no_text: '(no text)', blank: 'blank',
    fill_title: 'Fill in an annual report',
    fill_lead: 'Fill in the national tables cell by cell; totals are added up as you type and every change is checked. What you type stays in this browser until it is saved to the store.',
    format: 'Format', year: 'Year', agency_name: 'Agency name', region_code: 'Region code', agency_id: 'Agency id (store)',
    agency_kind: 'Kind of agency', kind_government: 'People\'s government', kind_department: 'Department', kind_township: 'Township', kind_other: 'Other',
    token: 'Write token', import_file: 'Import a file', new_form: 'Start again', fill_zero: 'Blanks to 0', fill_totals: 'Fill totals from their parts',
    save_store: 'Save to the store', checking: 'Checking…', checked: 'Checked: {s}', draft_restored: 'Restored what was typed in this browser',
    saved: 'Saved to the store (revision {r})', sum_hint: 'sum {v}', paste_hint: 'Paste a block of cells copied from a spreadsheet into any cell (tabs between columns, new lines between rows).',
    sections_title: 'Text', para_n: 'paragraph {n}', need_token: 'Give the agency id, the region code and the write token',
    pasted: 'Pasted {n} cells',
    dash_title: 'Region dashboard', dash_lead: 'For one year: every agency of a region, what it submitted and what the checks found; the added-up tables and charts.',
    show_btn: 'Show', agencies: 'Agencies', submitted: 'Submitted', missing: 'Missing', with_errors: 'With errors', late: 'Published late',
    col_agency: 'Agency', col_status: 'Status', col_errors: 'Errors', col_warnings: 'Warnings', col_worst: 'Main finding', col_published: 'Published',
    status_missing: 'missing', status_errors: 'errors', status_warnings: 'warnings', status_ok: 'passed',
    filter: 'Filter', filter_all: 'all', export_csv: 'Export CSV', chart_apps: 'New applications by agency',
    aggregate: 'Added-up tables', no_reports: 'No report of this region for this year yet', applications: 'applications', loading: 'Loading…',
    hist_title: 'Agency history', hist_lead: 'An agency\'s reports by year, the cross-year findings, and its applications over the years.',
    from_year: 'From', to_year: 'To', report_of: 'report of {y}', cross_year: 'Cross-year findings',
    chart_history: 'Applications and outcomes by year', new_apps: 'new applications', granted: 'granted', results_total: 'outcomes total',
    none: 'none', open_report: 'Open', unknown_agency: 'No such agency',
  },
};

let lang = localStorage.getItem('nianbao.lang') === 'en' ? 'en' : 'zh';

function t(key, vars) {
  let s = (WORDS[lang] && WORDS[lang][key]) || WORDS.zh[key] || key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split('{' + k + '}').join(String(v));
  return s;
}

// ---- building the page, as text ------------------------------------------------------------

// el('td', {class: 'x', 'data-k': v}, 'text', child…): attributes as values, children as nodes or
// text nodes. Nothing here parses markup.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'value') node.value = v;
      else if (k === 'checked') node.checked = !!v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, children);
  return node;
}
function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

let toastTimer = 0;
function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('show'), 3500);
}

// ---- the API -------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({cache: 'no-store'}, options || {}));
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let body = null;
    if (type.startsWith('application/json')) body = await response.json();
    throw new ApiError(response.status, body);
  }
  return response;
}
async function apiJson(path, options) { return (await api(path, options)).json(); }
function withLang(path) { return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang; }

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', {href: url, download: name});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The file name a download is given: from Content-Disposition's UTF-8 name, else the fallback.
function nameFrom(response, fallback) {
  const cd = response.headers.get('Content-Disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (m) {
    try { return decodeURIComponent(m[1]); } catch (e) { /* the fallback */ }
  }
  return fallback;
}

async function convertAndSave(body, filename, to, fallbackName) {
  const response = await api('/api/v1/convert?to=' + encodeURIComponent(to) + '&filename=' +
                             encodeURIComponent(filename), {method: 'POST', body});
  saveBlob(await response.blob(), nameFrom(response, fallbackName));
}

const layouts = new Map();
async function layoutOf(formatId) {
  if (!layouts.has(formatId)) layouts.set(formatId, apiJson('/api/v1/formats/' + encodeURIComponent(formatId)));
  return layouts.get(formatId);
}
let formatsPromise = null;
function formatList() {
  if (!formatsPromise) formatsPromise = apiJson('/api/v1/formats');
  return formatsPromise;
}

// ---- cells ---------------------------------------------------------------------------------

// What a canonical cell shows: a number, a money amount with its unit, the raw text of a
// not-applicable cell, or nothing for a blank.
function cellText(cell) {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  if (cell.na) return cell.raw || '/';
  if (cell.value !== undefined && cell.value !== null) return String(cell.value) + (cell.unit ? ' ' + cell.unit : '');
  if (cell.raw !== undefined) return String(cell.raw);
  return '';
}
function cellNumber(cell) {
  if (typeof cell === 'number') return cell;
  if (cell && typeof cell === 'object' && !cell.na && cell.value !== undefined && cell.value !== null) {
    const n = Number(cell.value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
function cellId(prefix, table, row, column) { return prefix + '-' + [table, row, column].join('~'); }

// Header rows for a block: the column groups as merged cells above the labels.
function headerRows(block, cornerText, rowHeaderSpan) {
  const depth = Math.max(0, ...block.columns.map((c) => c.groups.length));
  const rows = [];
  const levels = depth + 1 + (block.column_caption ? 1 : 0);
  const first = el('tr');
  first.appendChild(el('th', {scope: 'col', rowspan: levels, colspan: rowHeaderSpan}, cornerText || ''));
  rows.push(first);
  let current = first;
  if (block.column_caption) {
    current.appendChild(el('th', {scope: 'colgroup', colspan: block.columns.length}, block.column_caption));
    current = el('tr');
    rows.push(current);
  }
  for (let level = 0; level <= depth; ++level) {
    if (level > 0) { current = el('tr'); rows.push(current); }
    for (let i = 0; i < block.columns.length;) {
      const col = block.columns[i];
      if (level < depth && level < col.groups.length) {
        let span = 1;
        while (i + span < block.columns.length && block.columns[i + span].groups[level] === col.groups[level] &&
               block.columns[i + span].groups.slice(0, level).join('\u0001') === col.groups.slice(0, level).join('\u0001')) ++span;
        current.appendChild(el('th', {scope: 'colgroup', colspan: span}, col.groups[level]));
        i += span;
      } else if (level === Math.min(col.groups.length, depth)) {
        current.appendChild(el('th', {scope: 'col', rowspan: depth - level + 1}, col.label + (col.unit ? '' : '')));
        ++i;
      } else {
        ++i;
      }
    }
  }
  return rows;
}

// A table of the format drawn as a grid; fill(td, table, row, column) puts the content of a cell.
function drawTable(table, fill, extraClass) {
  const wrap = el('div', {class: 'table-wrap'});
  for (const block of table.blocks) {
    const groupDepth = Math.max(0, ...block.rows.map((r) => r.groups.length));
    const grid = el('table', {class: 'grid ' + (extraClass || '')});
    const thead = el('thead');
    if (block.caption) thead.appendChild(el('tr', null, el('th', {class: 'caption', colspan: groupDepth + 1 + block.columns.length}, block.caption)));
    for (const tr of headerRows(block, block.corner, groupDepth + 1)) thead.appendChild(tr);
    grid.appendChild(thead);
    const tbody = el('tbody');
    block.rows.forEach((row, ri) => {
      const tr = el('tr');
      for (let level = 0; level < groupDepth; ++level) {
        const label = row.groups[level];
        const prev = ri > 0 ? block.rows[ri - 1] : null;
        const samePrefix = (r) => r && r.groups.slice(0, level + 1).join('\u0001') === row.groups.slice(0, level + 1).join('\u0001');
        if (label === undefined) {
          if (level === row.groups.length) tr.appendChild(el('th', {scope: 'row', colspan: groupDepth - level + 1}, row.label));
          break;
        }
        if (samePrefix(prev)) continue;
        let span = 1;
        while (ri + span < block.rows.length && samePrefix(block.rows[ri + span])) ++span;
        tr.appendChild(el('th', {scope: 'rowgroup', rowspan: span}, label));
      }
      if (row.groups.length >= groupDepth) tr.appendChild(el('th', {scope: 'row'}, row.label));
      for (const col of block.columns) {
        const td = el('td');
        fill(td, table, row, col);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    });
    grid.appendChild(tbody);
    wrap.appendChild(grid);
  }
  return wrap;
}

function sectionHeading(section) { return section.heading || t('preamble'); }

// ---- findings ------------------------------------------------------------------------------

const SEVERITIES = ['error', 'warning', 'info'];

function whereText(loc) {
  if (!loc) return '';
  const parts = [];
  if (loc.table_label) parts.push(loc.table_label);
  if (loc.row_label) parts.push(loc.row_label);
  if (loc.column_label) parts.push(loc.column_label);
  if (loc.sheet) parts.push(loc.sheet + (loc.cell ? '!' + loc.cell : ''));
  else if (loc.cell) parts.push(loc.cell);
  if (loc.paragraph) parts.push(t('para_n', {n: loc.paragraph}));
  return parts.join(' · ');
}

// The paragraph a finding is about: its JSON pointer (/sections/overview/8) when it has one, else
// the paragraph of its section that holds the quoted sentence.
function paragraphTarget(root, d) {
  const loc = d.location || {};
  const m = /^\/sections\/([^/]+)\/(\d+)$/.exec(loc.pointer || '');
  if (m) return root.querySelector('[data-section="' + CSS.escape(m[1]) + '"][data-para="' + m[2] + '"]');
  const quote = d.args && (d.args.quote || d.args.sentence);
  if (loc.section && quote) {
    for (const p of root.querySelectorAll('[data-section="' + CSS.escape(loc.section) + '"][data-para]'))
      if ((p.dataset.text || p.textContent).includes(quote)) return p;
  }
  if (quote) {
    for (const p of root.querySelectorAll('[data-para]'))
      if ((p.dataset.text || p.textContent).includes(quote)) return p;
  }
  return null;
}

// Marks a phrase inside a paragraph drawn as text: the text node is split, never re-parsed.
function markPhrase(p, phrase) {
  if (!phrase || p.tagName === 'TEXTAREA') return;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentNode && node.parentNode.tagName === 'MARK') continue;
    const at = node.nodeValue.indexOf(phrase);
    if (at < 0) continue;
    const rest = node.splitText(at);
    rest.splitText(phrase.length);
    const mark = el('mark', {class: 'quote'});
    rest.parentNode.replaceChild(mark, rest);
    mark.appendChild(rest);
    return;
  }
}

// Puts every finding at its cell or paragraph inside `root` (cells found by id with `prefix`),
// and returns, for each finding, the element it is shown at (or null).
function placeFindings(root, prefix, diagnostics) {
  for (const n of root.querySelectorAll('.cell-note, .para-note')) n.remove();
  for (const n of root.querySelectorAll('.f-error, .f-warning, .f-info, .related')) n.classList.remove('f-error', 'f-warning', 'f-info', 'related');
  for (const n of root.querySelectorAll('mark.quote')) n.replaceWith(document.createTextNode(n.textContent));
  for (const p of root.querySelectorAll('[data-para]')) p.normalize();
  const targets = [];
  diagnostics.forEach((d, i) => {
    const loc = d.location || {};
    const sev = SEVERITIES.includes(d.severity) ? d.severity : 'info';
    let target = null;
    if (loc.table && loc.row && loc.column) {
      const td = document.getElementById(cellId(prefix, loc.table, loc.row, loc.column));
      if (td) {
        target = td;
        td.classList.add('f-' + sev);
        const note = el('span', {class: 'cell-note sev-' + sev, id: prefix + '-note-' + i, title: d.message},
          el('b', null, d.code), ' ',
          d.args && d.args.expected !== undefined ? t('should_be', {v: d.args.expected}) : '');
        td.appendChild(note);
        const input = td.querySelector('input');
        if (input) input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + note.id).trim());
      }
    } else if (loc.section || (loc.pointer || '').startsWith('/sections/') || (d.args && d.args.quote)) {
      const p = paragraphTarget(root, d);
      if (p) {
        target = p;
        p.classList.add('f-' + sev);
        markPhrase(p, d.args && d.args.phrase);
        const note = el('div', {class: 'para-note sev-' + sev, id: prefix + '-note-' + i},
          el('b', null, d.code), ' ', d.message);
        let anchor = p;
        while (anchor.nextElementSibling && anchor.nextElementSibling.classList.contains('para-note')) anchor = anchor.nextElementSibling;
        anchor.insertAdjacentElement('afterend', note);
      } else if (loc.section) {
        const h = root.querySelector('[data-section-heading="' + CSS.escape(loc.section) + '"]');
        if (h) {
          target = h;
          h.insertAdjacentElement('afterend', el('div', {class: 'para-note sev-' + sev}, el('b', null, d.code), ' ', d.message));
        }
      }
    }
    for (const r of d.related || []) {
      if (!(r.table && r.row && r.column)) continue;
      const td = document.getElementById(cellId(prefix, r.table, r.row, r.column));
      if (!td) continue;
      td.classList.add('related');
      td.appendChild(el('span', {class: 'cell-note rel sev-' + sev, title: d.message}, '↔ ', el('b', null, d.code)));
      if (!target) target = td;
    }
    targets[i] = target;
  });
  return targets;
}

function jumpTo(target) {
  if (!target) return;
  target.scrollIntoView({block: 'center', behavior: 'smooth'});
  const focusable = target.querySelector && target.querySelector('input');
  if (focusable) focusable.focus({preventScroll: true});
  else if (target.tagName === 'TEXTAREA') target.focus({preventScroll: true});
  else {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({preventScroll: true});
  }
  target.classList.remove('flash');
  void target.offsetWidth;
  target.classList.add('flash');
}

const hiddenSeverities = new Set();

// The list of findings with its severity filter; `scope` is the element whose marks it hides.
function findingsPanel(diagnostics, targets, scope) {
  const panel = el('section', {class: 'panel side', 'aria-labelledby': 'findings-title'});
  panel.appendChild(el('h2', {id: 'findings-title', style: null}, t('findings')));
  const counts = {error: 0, warning: 0, info: 0};
  for (const d of diagnostics) counts[SEVERITIES.includes(d.severity) ? d.severity : 'info']++;
  const filters = el('div', {class: 'filters', role: 'group', 'aria-label': t('show')});
  for (const sev of SEVERITIES) {
    const id = 'show-' + sev;
    // The filter outlives the list: the form's list is drawn again after every check.
    const box = el('input', {type: 'checkbox', id, checked: !hiddenSeverities.has(sev), 'data-severity': sev});
    const apply = () => {
      if (box.checked) hiddenSeverities.delete(sev); else hiddenSeverities.add(sev);
      scope.classList.toggle('hide-' + sev, !box.checked);
      panel.classList.toggle('hide-' + sev, !box.checked);
    };
    box.addEventListener('change', apply);
    apply();
    filters.appendChild(el('label', {for: id, class: 'chip ' + sev}, box, t('sev_' + sev) + ' ' + counts[sev]));
  }
  panel.appendChild(filters);
  if (!diagnostics.length) {
    panel.appendChild(el('p', {class: 'chip ok'}, t('no_findings')));
    return panel;
  }
  const list = el('ul', {class: 'findings'});
  const order = diagnostics.map((d, i) => i).sort((a, b) =>
    SEVERITIES.indexOf(diagnostics[a].severity) - SEVERITIES.indexOf(diagnostics[b].severity) || a - b);
  for (const i of order) {
    const d = diagnostics[i];
    const sev = SEVERITIES.includes(d.severity) ? d.severity : 'info';
    const button = el('button', {type: 'button', 'data-finding': i, 'data-code': d.code},
      el('span', {class: 'code'}, d.code), el('span', {class: 'msg'}, d.message),
      el('span', {class: 'where'}, whereText(d.location)));
    if (targets[i]) button.addEventListener('click', () => jumpTo(targets[i]));
    else button.disabled = false;
    list.appendChild(el('li', {class: sev + ' sev-' + sev}, button));
  }
  panel.appendChild(list);
  return panel;
}

function countChips(counts) {
  return [
    el('span', {class: 'chip ' + (counts.errors ? 'error' : 'none')}, t('errors_n', {n: counts.errors || 0})),
    el('span', {class: 'chip ' + (counts.warnings ? 'warning' : 'none')}, t('warnings_n', {n: counts.warnings || 0})),
    el('span', {class: 'chip ' + (counts.infos ? 'info' : 'none')}, t('infos_n', {n: counts.infos || 0})),
  ];
}

// ---- a report drawn as the HTML export shows it ----------------------------------------------

function drawReport(report, layout, prefix) {
  const root = el('article', {class: 'report panel'});
  root.appendChild(el('h1', {class: 'doc-title'},
    (report.agency && report.agency.name ? report.agency.name : '') + ' ' +
    (lang === 'zh' ? report.year + '年政府信息公开工作年度报告' : 'Annual report ' + report.year)));
  for (const section of layout.sections) {
    const paragraphs = (report.sections && report.sections[section.key]) || [];
    const tables = layout.tables.filter((tb) => tb.section === section.key);
    if (!paragraphs.length && !tables.length && section.key === 'preamble') continue;
    root.appendChild(el('h2', {class: 'part', 'data-section-heading': section.key}, sectionHeading(section)));
    paragraphs.forEach((text, i) => {
      root.appendChild(el('p', {class: 'para', 'data-section': section.key, 'data-para': i, 'data-text': text}, text));
    });
    for (const table of tables) {
      const cells = (report.tables && report.tables[table.key]) || {};
      root.appendChild(drawTable(table, (td, tb, row, col) => {
        td.id = cellId(prefix, tb.key, row.key, col.key);
        const cell = (cells[row.key] || {})[col.key];
        td.appendChild(document.createTextNode(cellText(cell)));
        if (cell && cell.na) td.classList.add('na');
        if (cell && typeof cell === 'object' && cell.raw !== undefined && !cell.na) td.title = cell.raw;
      }));
    }
  }
  return root;
}

// ---- page: check a report ------------------------------------------------------------------

const checkState = {file: null, bytes: null};

function pageCheck(main) {
  main.appendChild(el('h1', null, t('check_title')));
  main.appendChild(el('p', {class: 'lead'}, t('check_lead')));
  const input = el('input', {type: 'file', id: 'check-file', class: 'visually-hidden',
    accept: '.xlsx,.docx,.pdf,.html,.htm,.txt,.csv,.json,.xml'});
  const drop = el('label', {class: 'drop', for: 'check-file', id: 'drop'},
    el('span', {class: 'big'}, t('drop_big')), el('span', {class: 'note'}, t('drop_or')),
    el('span', {class: 'button', 'aria-hidden': 'true'}, t('choose_file')), input, el('span', {class: 'note', id: 'check-file-name'}, checkState.file ? checkState.file.name : ''));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) loadCheckFile(e.dataTransfer.files[0]);
  });
  input.addEventListener('change', () => { if (input.files.length) loadCheckFile(input.files[0]); });
  main.appendChild(el('div', {class: 'panel'}, drop));
  main.appendChild(el('div', {id: 'check-status', class: 'status-line', role: 'status', 'aria-live': 'polite'}));
  main.appendChild(el('div', {id: 'check-result'}));
  if (checkState.file) showCheck();
}

async function loadCheckFile(file) {
  checkState.file = file;
  checkState.bytes = await file.arrayBuffer();
  showCheck();
}

async function showCheck() {
  const status = document.getElementById('check-status');
  const out = document.getElementById('check-result');
  if (!status || !out) return;
  clear(out);
  status.textContent = t('reading');
  const name = checkState.file.name;
  const q = '?filename=' + encodeURIComponent(name);
  try {
    const [diagnostics, report] = await Promise.all([
      apiJson(withLang('/api/v1/check' + q), {method: 'POST', body: checkState.bytes}),
      apiJson(withLang('/api/v1/convert' + q + '&to=json'), {method: 'POST', body: checkState.bytes}),
    ]);
    const layout = await layoutOf(report.format);
    status.textContent = '';
    const file = (diagnostics.files || [])[0] || {};
    const bar = el('div', {class: 'panel summary'},
      el('span', {class: 'who'}, report.agency && report.agency.name ? report.agency.name : name),
      el('span', {class: 'chip none'}, t('year_label', {y: report.year})),
      el('span', {class: 'chip none'}, layout.basis || layout.id),
      countChips({errors: file.errors, warnings: file.warnings, infos: file.infos}));
    const downloads = el('div', {class: 'buttons', role: 'group', 'aria-label': t('download')});
    const base = name.replace(/\.[^.]*$/, '') || 'report';
    for (const [to, label, ext] of [['docx', 'dl_docx', '.docx'], ['platform-xml', 'dl_xml', '.xml'], ['json', 'dl_json', '.json']]) {
      downloads.appendChild(el('button', {type: 'button', 'data-download': to,
        onclick: () => convertAndSave(checkState.bytes, name, to, base + ext).catch((e) => toast(e.message))},
        t('download') + ' ' + t(label)));
    }
    bar.appendChild(downloads);
    out.appendChild(bar);
    const reportView = drawReport(report, layout, 'rc');
    const grid = el('div', {class: 'layout'});
    grid.appendChild(reportView);
    const list = diagnostics.diagnostics || [];
    grid.appendChild(el('div'));
    out.appendChild(grid);
    const targets = placeFindings(reportView, 'rc', list);
    grid.replaceChild(findingsPanel(list, targets, reportView), grid.lastChild);
  } catch (e) {
    status.textContent = '';
    out.appendChild(errorPanel(e));
  }
}

function errorPanel(e) {
  const panel = el('div', {class: 'panel', role: 'alert'});
  panel.appendChild(el('h2', {class: 'error-text'}, t('cannot_read')));
  panel.appendChild(el('p', null, e.message));
  const diags = (e.body && e.body.diagnostics) || [];
  if (diags.length) {
    const ul = el('ul');
    for (const d of diags) ul.appendChild(el('li', null, el('b', null, d.code + ' '), d.message));
    panel.appendChild(ul);
  }
  return panel;
}

// ---- page: fill in -------------------------------------------------------------------------

const DRAFT_KEY = 'nianbao.fill.draft';
const fill = {layout: null, draft: null, timer: 0, seq: 0, lastFindings: []};

function emptyDraft(formatId, year) {
  return {format: formatId, year, agency: {name: '', kind: 'department', region_code: '', id: ''}, cells: {}, sections: {}};
}
function loadDraft() {
  try { return JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null'); } catch (e) { return null; }
}
function storeDraft() { localStorage.setItem(DRAFT_KEY, JSON.stringify(fill.draft)); }

// A cell typed in: a count or amount as a number, '/' or '—' as not applicable, blank as null.
function cellFromText(text, col) {
  const s = text.trim();
  if (s === '') return null;
  if (/^[/／—－-]$/.test(s)) return {na: true, raw: s};
  if (col.type === 'money') {
    // An amount may carry its unit ("299.8万元"); without one it is the column's fixed unit, if any.
    const m = /^(\d+(?:\.\d+)?)\s*(万元|元)?$/.exec(s);
    if (m) return {value: m[1], unit: m[2] || col.unit || null};
    return {value: null, raw: s};
  }
  if (/^-?\d+$/.test(s)) return Number(s);
  return {value: null, raw: s};
}

// The name downloads of the form go by: the agency and the year, with nothing a file system minds.
function draftName() {
  const name = (fill.draft.agency.name || 'report').replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 60);
  return name + '-' + fill.draft.year;
}

function reportFromDraft() {
  const d = fill.draft;
  const layout = fill.layout;
  const tables = {};
  for (const table of layout.tables) {
    const rows = {};
    for (const block of table.blocks)
      for (const row of block.rows) {
        const cells = rows[row.key] || (rows[row.key] = {});
        for (const col of block.columns)
          cells[col.key] = cellFromText((d.cells[table.key + '~' + row.key + '~' + col.key] || ''), col);
      }
    tables[table.key] = rows;
  }
  const sections = {};
  for (const s of layout.sections) {
    const text = d.sections[s.key] || '';
    sections[s.key] = text.split(/\n+/).map((p) => p.trim()).filter((p) => p);
  }
  const agency = {name: d.agency.name || ''};
  if (d.agency.kind) agency.kind = d.agency.kind;
  if (/^\d{2,12}$/.test(d.agency.region_code || '')) agency.region_code = d.agency.region_code;
  return {schema: 'nianbao.report/1', format: d.format, year: Number(d.year), agency, sections, tables};
}
function draftFromReport(report) {
  const draft = emptyDraft(report.format, report.year);
  draft.agency.name = (report.agency && report.agency.name) || '';
  draft.agency.kind = (report.agency && report.agency.kind) || 'department';
  draft.agency.region_code = (report.agency && report.agency.region_code) || '';
  for (const [tk, rows] of Object.entries(report.tables || {}))
    for (const [rk, cols] of Object.entries(rows || {}))
      for (const [ck, cell] of Object.entries(cols || {})) {
        const n = cellNumber(cell);
        draft.cells[tk + '~' + rk + '~' + ck] = n !== null
          ? (typeof cell === 'object' ? String(cell.value) + (cell.unit || '') : String(cell))
          : (cell && cell.na ? (cell.raw || '/') : '');
      }
  for (const [sk, paras] of Object.entries(report.sections || {})) draft.sections[sk] = (paras || []).join('\n');
  return draft;
}

function yearsOf(format) {
  const now = new Date().getFullYear();
  const to = format.year_to || now;
  const years = [];
  for (let y = to; y >= format.year_from; --y) years.push(y);
  return years;
}

async function pageFill(main) {
  main.appendChild(el('h1', null, t('fill_title')));
  main.appendChild(el('p', {class: 'lead'}, t('fill_lead')));
  const formats = await formatList();
  let draft = loadDraft();
  const restored = !!draft;
  if (!draft || !formats.some((f) => f.id === draft.format)) {
    const latest = formats[formats.length - 1];
    draft = emptyDraft(latest.id, yearsOf(latest)[1] || yearsOf(latest)[0]);
  }
  fill.draft = draft;
  if (!fill.draft.agency) fill.draft.agency = emptyDraft().agency;

  const formatSelect = el('select', {id: 'fill-format'}, formats.map((f) =>
    el('option', {value: f.id}, f.id + ' · ' + f.basis)));
  formatSelect.value = draft.format;
  const yearSelect = el('select', {id: 'fill-year'});
  const setYears = () => {
    const f = formats.find((x) => x.id === formatSelect.value);
    clear(yearSelect);
    for (const y of yearsOf(f)) yearSelect.appendChild(el('option', {value: y}, String(y)));
    if (yearsOf(f).includes(Number(fill.draft.year))) yearSelect.value = String(fill.draft.year);
    else fill.draft.year = Number(yearSelect.value);
  };
  setYears();
  const text = (id, key, label, extra) => {
    const input = el('input', Object.assign({type: 'text', id, value: fill.draft.agency[key] || ''}, extra || {}));
    input.addEventListener('input', () => { fill.draft.agency[key] = input.value; storeDraft(); scheduleCheck(); });
    return el('div', {class: 'field' + (key === 'name' ? ' wide' : '')}, el('label', {for: id}, t(label)), input);
  };
  const kind = el('select', {id: 'fill-kind'}, ['government', 'department', 'township', 'other'].map((k) =>
    el('option', {value: k}, t('kind_' + k))));
  kind.value = fill.draft.agency.kind || 'department';
  kind.addEventListener('change', () => { fill.draft.agency.kind = kind.value; storeDraft(); scheduleCheck(); });
  const importInput = el('input', {type: 'file', id: 'fill-import', accept: '.xlsx,.docx,.pdf,.html,.htm,.txt,.csv,.json,.xml'});
  importInput.addEventListener('change', async () => {
    if (!importInput.files.length) return;
    const file = importInput.files[0];
    try {
      const report = await apiJson(withLang('/api/v1/convert?to=json&filename=' + encodeURIComponent(file.name)),
        {method: 'POST', body: await file.arrayBuffer()});
      const before = fill.draft.agency;
      fill.draft = draftFromReport(report);
      fill.draft.agency.id = before.id || '';
      storeDraft();
      route();
    } catch (e) { toast(e.message); }
  });

  main.appendChild(el('div', {class: 'panel'},
    el('div', {class: 'row'},
      el('div', {class: 'field'}, el('label', {for: 'fill-format'}, t('format')), formatSelect),
      el('div', {class: 'field'}, el('label', {for: 'fill-year'}, t('year')), yearSelect),
      text('fill-agency-name', 'name', 'agency_name', {autocomplete: 'organization'}),
      el('div', {class: 'field'}, el('label', {for: 'fill-kind'}, t('agency_kind')), kind),
      text('fill-region', 'region_code', 'region_code', {inputmode: 'numeric', pattern: '[0-9]{2,12}'}),
      el('div', {class: 'field'}, el('label', {for: 'fill-import'}, t('import_file')), importInput))));

  formatSelect.addEventListener('change', () => {
    fill.draft.format = formatSelect.value;
    setYears();
    fill.draft.cells = {};
    storeDraft();
    route();
  });
  yearSelect.addEventListener('change', () => { fill.draft.year = Number(yearSelect.value); storeDraft(); scheduleCheck(); });

  fill.layout = await layoutOf(fill.draft.format);
  const status = el('div', {id: 'fill-status', class: 'status-line', role: 'status', 'aria-live': 'polite'},
    restored ? t('draft_restored') : '');
  const actions = el('div', {class: 'buttons'},
    el('button', {type: 'button', id: 'fill-totals', onclick: fillTotals}, t('fill_totals')),
    el('button', {type: 'button', id: 'fill-zero', onclick: fillBlanks}, t('fill_zero')),
    el('button', {type: 'button', id: 'fill-clear', onclick: () => {
      const keep = fill.draft.agency;
      fill.draft = emptyDraft(fill.draft.format, fill.draft.year);
      fill.draft.agency = keep;
      storeDraft();
      route();
    }}, t('new_form')));
  const downloads = el('div', {class: 'buttons', role: 'group', 'aria-label': t('download')});
  for (const [to, label, ext] of [['docx', 'dl_docx', '.docx'], ['xlsx-template', 'dl_xlsx', '.xlsx'], ['platform-xml', 'dl_xml', '.xml']]) {
    downloads.appendChild(el('button', {type: 'button', 'data-download': to, onclick: () =>
      convertAndSave(JSON.stringify(reportFromDraft()), draftName() + '.json', to, draftName() + ext).catch((e) => toast(e.message))},
    t('download') + ' ' + t(label)));
  }
  main.appendChild(el('div', {class: 'panel'}, el('div', {class: 'row'}, actions, downloads), el('p', {class: 'note'}, t('paste_hint')), status));

  const form = el('div', {class: 'report panel', id: 'fill-form'});
  const grid = el('div', {class: 'layout'}, form, el('div', {id: 'fill-side'}));
  main.appendChild(grid);
  for (const section of fill.layout.sections) {
    // No data-section-heading here: a finding about a section's text goes to its text area.
    form.appendChild(el('h2', {class: 'part'}, sectionHeading(section)));
    const id = 'fill-section-' + section.key;
    const hasTables = fill.layout.tables.some((tb) => tb.section === section.key);
    const area = el('textarea', {id, 'data-section': section.key, rows: hasTables ? 2 : 6, class: hasTables ? 'short' : null});
    area.value = fill.draft.sections[section.key] || '';
    area.addEventListener('input', () => { fill.draft.sections[section.key] = area.value; storeDraft(); scheduleCheck(); });
    form.appendChild(el('div', {class: 'section-field'},
      el('label', {for: id}, sectionHeading(section) + ' · ' + t('sections_title')), area));
    for (const table of fill.layout.tables.filter((tb) => tb.section === section.key)) {
      const totals = totalCells(table.key);
      form.appendChild(drawTable(table, (td, tb, row, col) => {
        const key = tb.key + '~' + row.key + '~' + col.key;
        td.id = cellId('fc', tb.key, row.key, col.key);
        if (totals.has(row.key + '~' + col.key)) td.classList.add('total');
        const input = el('input', {type: 'text', inputmode: col.type === 'money' ? 'decimal' : 'numeric',
          id: 'in-' + key, 'data-key': key, autocomplete: 'off',
          'aria-label': [tb.label, row.groups.join(' '), row.label, col.groups.join(' '), col.label].filter((s) => s).join(' / ')});
        input.value = fill.draft.cells[key] || '';
        input.addEventListener('input', () => { fill.draft.cells[key] = input.value; storeDraft(); updateSums(); scheduleCheck(); });
        input.addEventListener('paste', (e) => pasteBlock(e, input));
        input.addEventListener('keydown', (e) => moveInGrid(e, input));
        td.appendChild(input);
      }, 'form'));
    }
  }
  updateSums();
  scheduleCheck(0);
}

// The cells that identities say are sums (the right-hand side of a one-term identity).
function identitiesOf(tableKey) { return fill.layout.identities.filter((i) => i.table === tableKey); }
function rowsOfTable(tableKey) {
  const table = fill.layout.tables.find((tb) => tb.key === tableKey);
  return table.blocks.flatMap((b) => b.rows.map((r) => ({row: r, block: b})));
}
function expand(tableKey, identity) {
  // Pairs (lhs cells, rhs cell) for every member of `each`.
  const out = [];
  const rows = rowsOfTable(tableKey);
  const allCols = [...new Set(rows.flatMap((r) => r.block.columns.map((c) => c.key)))];
  const members = identity.each.includes('*') ? (identity.over === 'rows' ? rows.map((r) => r.row.key) : allCols) : identity.each;
  for (const m of members) {
    const cell = (k) => identity.over === 'rows' ? m + '~' + k : k + '~' + m;
    out.push({lhs: identity.lhs.map(cell), rhs: identity.rhs.map(cell)});
  }
  return out;
}
function totalCells(tableKey) {
  const set = new Set();
  for (const id of identitiesOf(tableKey))
    for (const pair of expand(tableKey, id)) if (pair.rhs.length === 1) set.add(pair.rhs[0]);
  return set;
}
function numberAt(tableKey, cell) {
  const v = (fill.draft.cells[tableKey + '~' + cell] || '').trim();
  if (v === '' || /^[/／—－-]$/.test(v)) return 0;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}
function sumsOf(tableKey) {
  const sums = new Map();
  for (const id of identitiesOf(tableKey))
    for (const pair of expand(tableKey, id)) {
      if (pair.rhs.length !== 1 || sums.has(pair.rhs[0])) continue;
      const values = pair.lhs.map((c) => numberAt(tableKey, c));
      if (values.every(Number.isFinite)) sums.set(pair.rhs[0], values.reduce((a, b) => a + b, 0));
    }
  return sums;
}
// Totals computed as you type: shown under each total cell.
function updateSums() {
  for (const table of fill.layout.tables) {
    for (const [cell, sum] of sumsOf(table.key)) {
      const input = document.getElementById('in-' + table.key + '~' + cell);
      if (!input) continue;
      const td = input.parentNode;
      let hint = td.querySelector('.sum-hint');
      if (!hint) { hint = el('span', {class: 'sum-hint', 'aria-hidden': 'true'}); td.insertBefore(hint, input.nextSibling); }
      hint.textContent = t('sum_hint', {v: sum});
    }
  }
}
function fillTotals() {
  for (let pass = 0; pass < 3; ++pass)
    for (const table of fill.layout.tables)
      for (const [cell, sum] of sumsOf(table.key)) {
        const key = table.key + '~' + cell;
        fill.draft.cells[key] = String(sum);
        const input = document.getElementById('in-' + key);
        if (input) input.value = String(sum);
      }
  storeDraft(); updateSums(); scheduleCheck(0);
}
function fillBlanks() {
  for (const input of document.querySelectorAll('#fill-form input[data-key]'))
    if (input.value.trim() === '') { input.value = '0'; fill.draft.cells[input.dataset.key] = '0'; }
  storeDraft(); updateSums(); scheduleCheck(0);
}

// The inputs of a table as a grid of rows × columns, for pasting and moving with the arrow keys.
function gridOf(input) {
  const table = input.closest('table');
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('input[data-key]')]);
}
function pasteBlock(e, input) {
  const text = (e.clipboardData || window.clipboardData).getData('text/plain');
  if (!text || (!text.includes('\t') && !text.includes('\n'))) return;
  e.preventDefault();
  const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  const rows = gridOf(input);
  const r0 = rows.findIndex((r) => r.includes(input));
  const c0 = rows[r0].indexOf(input);
  let n = 0;
  lines.forEach((cells, dr) => {
    const row = rows[r0 + dr];
    if (!row) return;
    cells.forEach((value, dc) => {
      const target = row[c0 + dc];
      if (!target) return;
      target.value = value.trim();
      fill.draft.cells[target.dataset.key] = target.value;
      ++n;
    });
  });
  storeDraft(); updateSums(); scheduleCheck();
  const status = document.getElementById('fill-status');
  if (status) status.textContent = t('pasted', {n});
}
function moveInGrid(e, input) {
  const keys = {ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0]};
  if (!keys[e.key]) return;
  const rows = gridOf(input);
  const r = rows.findIndex((row) => row.includes(input));
  const c = rows[r].indexOf(input);
  const next = rows[r + keys[e.key][0]] && rows[r + keys[e.key][0]][c];
  if (next) { e.preventDefault(); next.focus(); next.select(); }
}

function scheduleCheck(delay) {
  clearTimeout(fill.timer);
  fill.timer = setTimeout(runFillCheck, delay === undefined ? 500 : delay);
}
async function runFillCheck() {
  const form = document.getElementById('fill-form');
  if (!form || !fill.layout) return;
  const seq = ++fill.seq;
  const status = document.getElementById('fill-status');
  status.textContent = t('checking');
  try {
    const diagnostics = await apiJson(withLang('/api/v1/check?filename=report.json'),
      {method: 'POST', body: JSON.stringify(reportFromDraft()), headers: {'Content-Type': 'application/json'}});
    if (seq !== fill.seq || !document.getElementById('fill-form')) return;  // a later check is on its way
    const list = diagnostics.diagnostics || [];
    const targets = placeFillFindings(form, list);
    const side = document.getElementById('fill-side');
    side.replaceWith(Object.assign(findingsPanel(list, targets, form), {id: 'fill-side'}));
    const s = diagnostics.summary || {};
    status.textContent = t('checked', {s: [t('errors_n', {n: s.errors || 0}), t('warnings_n', {n: s.warnings || 0}),
      t('infos_n', {n: s.infos || 0})].join(lang === 'zh' ? '，' : ', ')});
  } catch (e) {
    if (seq !== fill.seq) return;
    status.textContent = e.message;
  }
}
// Findings of the form: cells as in a report; paragraphs at their section's text area.
function placeFillFindings(form, list) {
  for (const n of form.querySelectorAll('.para-note')) n.remove();
  const targets = placeFindings(form, 'fc', list);
  list.forEach((d, i) => {
    if (targets[i]) return;
    const loc = d.location || {};
    const m = /^\/sections\/([^/]+)\/(\d+)$/.exec(loc.pointer || '');
    const key = m ? m[1] : loc.section;
    const area = key && document.getElementById('fill-section-' + key);
    if (!area) return;
    const sev = SEVERITIES.includes(d.severity) ? d.severity : 'info';
    area.classList.add('f-' + sev);
    area.parentNode.appendChild(el('div', {class: 'para-note sev-' + sev},
      el('b', null, d.code), ' ', m ? t('para_n', {n: Number(m[2]) + 1}) + '：' : '', d.message));
    targets[i] = area;
  });
  return targets;
}

async function saveToStore() {
  const d = fill.draft;
  const token = (document.getElementById('fill-token') || {}).value || '';
  const id = (d.agency.id || '').trim();
  const status = document.getElementById('save-status');
  if (!id || !/^\d{2,12}$/.test(d.agency.region_code || '') || !token) { status.textContent = t('need_token'); return; }
  sessionStorage.setItem('nianbao.token', token);
  const auth = {Authorization: 'Bearer ' + token, 'Content-Type': 'application/json'};
  try {
    const agency = {name: d.agency.name, region_code: d.agency.region_code};
    if (d.agency.kind) agency.kind = d.agency.kind;
    await api(withLang('/api/v1/agencies/' + encodeURIComponent(id)), {method: 'PUT', headers: auth, body: JSON.stringify(agency)});
    const result = await apiJson(withLang('/api/v1/agencies/' + encodeURIComponent(id) + '/reports/' + d.year + '?filename=report.json'),
      {method: 'PUT', headers: auth, body: JSON.stringify(reportFromDraft())});
    status.textContent = t('saved', {r: result.revision});
    localStorage.removeItem(DRAFT_KEY);
  } catch (e) {
    status.textContent = e.message;
  }
}

function saveSection(main) {
  const idInput = el('input', {type: 'text', id: 'fill-agency-id', value: fill.draft.agency.id || '', pattern: '[A-Za-z0-9_-]{1,64}'});
  idInput.addEventListener('input', () => { fill.draft.agency.id = idInput.value; storeDraft(); });
  const token = el('input', {type: 'password', id: 'fill-token', autocomplete: 'off', value: sessionStorage.getItem('nianbao.token') || ''});
  main.appendChild(el('div', {class: 'panel'},
    el('h2', null, t('save_store')),
    el('div', {class: 'row'},
      el('div', {class: 'field'}, el('label', {for: 'fill-agency-id'}, t('agency_id')), idInput),
      el('div', {class: 'field'}, el('label', {for: 'fill-token'}, t('token')), token),
      el('button', {type: 'button', class: 'primary', id: 'fill-save', onclick: saveToStore}, t('save_store'))),
    el('p', {id: 'save-status', class: 'status-line', role: 'status', 'aria-live': 'polite'})));
}

// ---- page: a region's dashboard ------------------------------------------------------------

const dash = {summary: null, sort: {key: 'name', dir: 1}, apps: new Map(), filter: '', status: 'all'};

function statusOf(row) {
  if (!row.submitted) return 'missing';
  if (row.errors) return 'errors';
  if (row.warnings) return 'warnings';
  return 'ok';
}

function pageDashboard(main) {
  main.appendChild(el('h1', null, t('dash_title')));
  main.appendChild(el('p', {class: 'lead'}, t('dash_lead')));
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const region = el('input', {type: 'text', id: 'dash-region', inputmode: 'numeric', pattern: '[0-9]{2,12}',
    value: params.get('region') || localStorage.getItem('nianbao.region') || ''});
  const year = el('input', {type: 'text', id: 'dash-year', inputmode: 'numeric', pattern: '[0-9]{4}',
    value: params.get('year') || localStorage.getItem('nianbao.year') || String(new Date().getFullYear() - 1)});
  const form = el('form', {class: 'panel row', id: 'dash-form'},
    el('div', {class: 'field'}, el('label', {for: 'dash-region'}, t('region_code')), region),
    el('div', {class: 'field'}, el('label', {for: 'dash-year'}, t('year')), year),
    el('button', {type: 'submit', class: 'primary'}, t('show_btn')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem('nianbao.region', region.value.trim());
    localStorage.setItem('nianbao.year', year.value.trim());
    loadDashboard(region.value.trim(), year.value.trim());
  });
  main.appendChild(form);
  main.appendChild(el('div', {id: 'dash-out'}));
  if (region.value && year.value) loadDashboard(region.value.trim(), year.value.trim());
}

async function loadDashboard(region, year) {
  const out = document.getElementById('dash-out');
  clear(out).appendChild(el('p', {class: 'status-line'}, t('loading')));
  try {
    const summary = await apiJson(withLang('/api/v1/regions/' + encodeURIComponent(region) + '/summary?year=' + encodeURIComponent(year)));
    dash.summary = summary;
    dash.apps = new Map();
    // Applications by agency: the new applications (本年新收) of each stored report.
    await Promise.all(summary.rows.filter((r) => r.submitted).map(async (r) => {
      try {
        const report = await apiJson('/api/v1/agencies/' + encodeURIComponent(r.id) + '/reports/' + year);
        const cell = report.tables && report.tables.applications && report.tables.applications.new;
        dash.apps.set(r.id, cell ? cellNumber(cell.total) : null);
      } catch (e) { dash.apps.set(r.id, null); }
    }));
    clear(out);
    out.appendChild(el('div', {class: 'totals'},
      [['agencies', summary.agencies], ['submitted', summary.submitted], ['missing', summary.missing],
        ['with_errors', summary.with_errors], ['late', summary.published_late]].map(([k, n]) =>
        el('div', {class: 'stat', 'data-stat': k}, el('span', {class: 'n'}, String(n)), el('span', {class: 'l'}, t(k))))));
    const filterText = el('input', {type: 'search', id: 'dash-filter', value: dash.filter});
    const statusSelect = el('select', {id: 'dash-status'},
      ['all', 'missing', 'errors', 'warnings', 'ok'].map((s) => el('option', {value: s}, s === 'all' ? t('filter_all') : t('status_' + s))));
    statusSelect.value = dash.status;
    filterText.addEventListener('input', () => { dash.filter = filterText.value; drawAgencyTable(); });
    statusSelect.addEventListener('change', () => { dash.status = statusSelect.value; drawAgencyTable(); });
    out.appendChild(el('div', {class: 'panel'},
      el('div', {class: 'row'},
        el('div', {class: 'field'}, el('label', {for: 'dash-filter'}, t('filter')), filterText),
        el('div', {class: 'field'}, el('label', {for: 'dash-status'}, t('col_status')), statusSelect),
        el('button', {type: 'button', id: 'dash-csv', onclick: exportCsv}, t('export_csv'))),
      el('div', {id: 'dash-table', class: 'table-wrap', style: null})));
    drawAgencyTable();
    out.appendChild(el('div', {class: 'panel'}, el('h2', null, t('chart_apps')), el('div', {class: 'chart', id: 'dash-chart'}, barChart(
      summary.rows.filter((r) => dash.apps.get(r.id) !== undefined && dash.apps.get(r.id) !== null)
        .map((r) => ({label: r.name, value: dash.apps.get(r.id)})), t('chart_apps')))));
    const aggregate = el('div', {class: 'panel', id: 'dash-aggregate'}, el('h2', null, t('aggregate')));
    out.appendChild(aggregate);
    if (summary.submitted) {
      try {
        const response = await api(withLang('/api/v1/regions/' + encodeURIComponent(region) + '/aggregate?year=' + encodeURIComponent(year)));
        const report = await response.json();
        const layout = await layoutOf(report.format);
        aggregate.appendChild(el('p', {class: 'note'}, (report.agency && report.agency.name) || '', ' · ',
          (response.headers.get('Nianbao-Reports') || '') + ' ' + t('submitted')));
        for (const table of layout.tables) {
          aggregate.appendChild(el('h3', null, table.label));
          const cells = (report.tables && report.tables[table.key]) || {};
          aggregate.appendChild(drawTable(table, (td, tb, row, col) => {
            td.id = cellId('agg', tb.key, row.key, col.key);
            td.textContent = cellText((cells[row.key] || {})[col.key]);
          }));
        }
      } catch (e) {
        // The reports cannot be added up (an amount without a unit, formats mixed): say why.
        aggregate.appendChild(el('p', {class: 'error-text', id: 'dash-aggregate-error'}, e.message));
        const diags = (e.body && e.body.diagnostics) || [];
        if (diags.length) aggregate.appendChild(el('ul', null, diags.map((d) => el('li', null, el('b', null, d.code + ' '), d.message))));
      }
    } else {
      aggregate.appendChild(el('p', {class: 'note'}, t('no_reports')));
    }
  } catch (e) {
    clear(out).appendChild(el('div', {class: 'panel', role: 'alert'}, el('p', {class: 'error-text'}, e.message)));
  }
}

function sortedRows() {
  const rows = dash.summary.rows.filter((r) =>
    (dash.status === 'all' || statusOf(r) === dash.status) &&
    (!dash.filter || (r.name + ' ' + r.id).toLowerCase().includes(dash.filter.toLowerCase())));
  const k = dash.sort.key;
  const value = (r) => k === 'name' ? r.name : k === 'status' ? ['errors', 'warnings', 'missing', 'ok'].indexOf(statusOf(r))
    : k === 'apps' ? (dash.apps.get(r.id) ?? -1) : k === 'published' ? (r.published || '') : (r[k] ?? -1);
  return rows.sort((a, b) => {
    const va = value(a), vb = value(b);
    const c = typeof va === 'string' ? va.localeCompare(vb, 'zh-CN') : va - vb;
    return c * dash.sort.dir || a.id.localeCompare(b.id);
  });
}

function drawAgencyTable() {
  const holder = document.getElementById('dash-table');
  if (!holder) return;
  const columns = [['name', 'col_agency', ''], ['status', 'col_status', ''], ['errors', 'col_errors', 'num'],
    ['warnings', 'col_warnings', 'num'], ['apps', 'applications', 'num'], ['published', 'col_published', 'hide-narrow'],
    ['worst', 'col_worst', 'hide-narrow']];
  const head = el('tr', null, columns.map(([key, label, cls]) => {
    const th = el('th', {scope: 'col', class: cls});
    if (key === 'worst') { th.textContent = t(label); return th; }
    if (dash.sort.key === key) th.setAttribute('aria-sort', dash.sort.dir > 0 ? 'ascending' : 'descending');
    th.appendChild(el('button', {type: 'button', 'data-sort': key, onclick: () => {
      dash.sort = {key, dir: dash.sort.key === key ? -dash.sort.dir : 1};
      drawAgencyTable();
      const again = document.querySelector('[data-sort="' + key + '"]');
      if (again) again.focus();
    }}, t(label)));
    return th;
  }));
  const body = el('tbody');
  for (const r of sortedRows()) {
    const st = statusOf(r);
    const chip = {missing: 'none', errors: 'error', warnings: 'warning', ok: 'ok'}[st];
    const apps = dash.apps.get(r.id);
    body.appendChild(el('tr', {'data-agency': r.id},
      el('td', {class: 'name'}, el('a', {href: '#history?agency=' + encodeURIComponent(r.id)}, r.name), el('div', {class: 'note'}, r.id + ' · ' + r.region_code)),
      el('td', null, el('span', {class: 'chip ' + chip, 'data-status': st}, t('status_' + st)),
        r.published_on_time === false ? [' ', el('span', {class: 'chip warning', 'data-late': ''}, t('late'))] : null),
      el('td', {class: 'num', 'data-col': 'errors'}, r.submitted ? String(r.errors) : '—'),
      el('td', {class: 'num', 'data-col': 'warnings'}, r.submitted ? String(r.warnings) : '—'),
      el('td', {class: 'num', 'data-col': 'apps'}, apps === undefined || apps === null ? '—' : String(apps)),
      el('td', {class: 'hide-narrow'}, r.published || '—'),
      el('td', {class: 'worst hide-narrow'}, r.worst ? [el('b', null, r.worst.code + ' '), r.worst.message] : '—')));
  }
  clear(holder).appendChild(el('table', {class: 'list', id: 'dash-agencies'}, el('thead', null, head), body));
}

// CSV of the summary, for a spreadsheet: UTF-8 with a byte order mark (so that Excel reads the
// Chinese), fields quoted, and a field that a spreadsheet would take for a formula made text.
function csvField(v) {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}
function exportCsv() {
  const s = dash.summary;
  const header = ['agency_id', 'name', 'region_code', 'submitted', 'errors', 'warnings', 'infos', 'applications', 'published', 'published_on_time', 'worst_code', 'worst_message'];
  const lines = [header.map(csvField).join(',')];
  for (const r of s.rows)
    lines.push([r.id, r.name, r.region_code, r.submitted, r.submitted ? r.errors : '', r.submitted ? r.warnings : '', r.submitted ? r.infos : '',
      dash.apps.get(r.id) ?? '', r.published || '', r.published_on_time ?? '', r.worst ? r.worst.code : '', r.worst ? r.worst.message : ''].map(csvField).join(','));
  saveBlob(new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], {type: 'text/csv;charset=utf-8'}), 'summary-' + s.region_code + '-' + s.year + '.csv');
}

// A horizontal bar chart as SVG: one bar per item, its label and value as text.
function barChart(items, title) {
  if (!items.length) return el('p', {class: 'note'}, t('no_reports'));
  const rowH = 26, labelW = 260, chartW = 460, pad = 8;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = items.length * rowH + pad * 2;
  const width = labelW + chartW + 60;
  const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img', 'aria-label': title});
  root.appendChild(svg('title', null, title));
  items.forEach((item, i) => {
    const y = pad + i * rowH;
    const label = item.label.length > 18 ? item.label.slice(0, 17) + '…' : item.label;
    root.appendChild(svg('text', {x: labelW - 8, y: y + rowH / 2 + 5, 'text-anchor': 'end', 'font-size': 13, fill: '#1d2433'}, label));
    const w = Math.max(1, Math.round(chartW * item.value / max));
    root.appendChild(svg('rect', {x: labelW, y: y + 4, width: w, height: rowH - 8, rx: 2, fill: '#1f5fa8'},
      svg('title', null, item.label + '：' + item.value)));
    root.appendChild(svg('text', {x: labelW + w + 6, y: y + rowH / 2 + 5, 'font-size': 13, fill: '#1d2433'}, String(item.value)));
  });
  return root;
}

// A line chart of several series over years.
function lineChart(years, series, title) {
  const width = 720, height = 300, left = 50, right = 20, top = 20, bottom = 60;
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v) => v !== null)));
  const x = (i) => left + (years.length === 1 ? (width - left - right) / 2 : i * (width - left - right) / (years.length - 1));
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img', 'aria-label': title});
  root.appendChild(svg('title', null, title));
  for (let k = 0; k <= 4; ++k) {
    const v = Math.round(max * k / 4);
    root.appendChild(svg('line', {x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: '#e1e5ec'}));
    root.appendChild(svg('text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5b6475'}, String(v)));
  }
  years.forEach((yr, i) => root.appendChild(svg('text', {x: x(i), y: height - bottom + 18, 'text-anchor': 'middle', 'font-size': 12, fill: '#1d2433'}, String(yr))));
  const colours = ['#1f5fa8', '#2e7d32', '#a4262c'];
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => v === null ? null : [x(i), y(v)]).filter((p) => p);
    if (points.length > 1) root.appendChild(svg('polyline', {points: points.map((p) => p.join(',')).join(' '), fill: 'none', stroke: colours[k % 3], 'stroke-width': 2.5}));
    s.values.forEach((v, i) => {
      if (v === null) return;
      root.appendChild(svg('circle', {cx: x(i), cy: y(v), r: 4, fill: colours[k % 3]}, svg('title', null, s.label + ' ' + years[i] + '：' + v)));
    });
    root.appendChild(svg('rect', {x: left + k * 170, y: height - 22, width: 12, height: 12, fill: colours[k % 3]}));
    root.appendChild(svg('text', {x: left + k * 170 + 18, y: height - 12, 'font-size': 12, fill: '#1d2433'}, s.label));
  });
  return root;
}

// ---- page: an agency's history -------------------------------------------------------------

function pageHistory(main) {
  main.appendChild(el('h1', null, t('hist_title')));
  main.appendChild(el('p', {class: 'lead'}, t('hist_lead')));
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const now = new Date().getFullYear();
  const agency = el('input', {type: 'text', id: 'hist-agency', value: params.get('agency') || ''});
  const from = el('input', {type: 'text', id: 'hist-from', inputmode: 'numeric', value: params.get('from') || String(now - 8)});
  const to = el('input', {type: 'text', id: 'hist-to', inputmode: 'numeric', value: String(now)});
  const form = el('form', {class: 'panel row'},
    el('div', {class: 'field'}, el('label', {for: 'hist-agency'}, t('agency_id')), agency),
    el('div', {class: 'field'}, el('label', {for: 'hist-from'}, t('from_year')), from),
    el('div', {class: 'field'}, el('label', {for: 'hist-to'}, t('to_year')), to),
    el('button', {type: 'submit', class: 'primary'}, t('show_btn')));
  form.addEventListener('submit', (e) => { e.preventDefault(); loadHistory(agency.value.trim(), Number(from.value), Number(to.value)); });
  main.appendChild(form);
  main.appendChild(el('div', {id: 'hist-out'}));
  if (agency.value) loadHistory(agency.value.trim(), Number(from.value), Number(to.value));
}

async function loadHistory(id, from, to) {
  const out = document.getElementById('hist-out');
  clear(out).appendChild(el('p', {class: 'status-line'}, t('loading')));
  if (!(from >= 1990 && to >= from && to - from <= 30)) { from = new Date().getFullYear() - 6; to = from + 6; }
  try {
    const agency = await apiJson(withLang('/api/v1/agencies/' + encodeURIComponent(id)));
    const years = [];
    for (let y = from; y <= to; ++y) years.push(y);
    // The agency's reports: one request a year, missing years answer 404.
    const found = (await Promise.all(years.map(async (y) => {
      try {
        const [report, findings] = await Promise.all([
          apiJson('/api/v1/agencies/' + encodeURIComponent(id) + '/reports/' + y),
          apiJson(withLang('/api/v1/agencies/' + encodeURIComponent(id) + '/reports/' + y + '/findings'))]);
        return {year: y, report, findings};
      } catch (e) {
        if (e.status === 404) return null;
        throw e;
      }
    }))).filter((x) => x);
    clear(out);
    out.appendChild(el('div', {class: 'panel summary'}, el('span', {class: 'who'}, agency.name),
      el('span', {class: 'chip none'}, agency.id + ' · ' + agency.region_code)));
    const body = el('tbody');
    const cross = [];
    for (const f of found) {
      const s = f.findings.summary || {};
      body.appendChild(el('tr', null, el('td', null, String(f.year)), el('td', null, f.report.format),
        el('td', null, countChips(s)),
        el('td', null, el('button', {type: 'button', onclick: () => showStoredReport(f)}, t('open_report')))));
      for (const d of f.findings.diagnostics || []) if (/^XY-/.test(d.code)) cross.push({year: f.year, d});
    }
    out.appendChild(el('div', {class: 'panel'}, el('div', {class: 'table-wrap'}, el('table', {class: 'list', id: 'hist-years'},
      el('thead', null, el('tr', null, el('th', {scope: 'col'}, t('year')), el('th', {scope: 'col'}, t('format')),
        el('th', {scope: 'col'}, t('findings')), el('th', {scope: 'col'}, ''))), body))));
    const crossPanel = el('div', {class: 'panel'}, el('h2', null, t('cross_year')));
    if (!cross.length) crossPanel.appendChild(el('p', {class: 'note'}, t('none')));
    else crossPanel.appendChild(el('ul', {class: 'findings', id: 'hist-cross'}, cross.map(({year, d}) =>
      el('li', {class: d.severity}, el('button', {type: 'button', onclick: () => showStoredReport(found.find((f) => f.year === year))},
        el('span', {class: 'code'}, year + ' ' + d.code), el('span', {class: 'msg'}, d.message))))));
    out.appendChild(crossPanel);
    const value = (f, row) => {
      const a = f.report.tables && f.report.tables.applications;
      return a && a[row] ? cellNumber(a[row].total) : null;
    };
    out.appendChild(el('div', {class: 'panel'}, el('h2', null, t('chart_history')), el('div', {class: 'chart'},
      lineChart(found.map((f) => f.year), [
        {label: t('new_apps'), values: found.map((f) => value(f, 'new'))},
        {label: t('granted'), values: found.map((f) => value(f, 'granted'))},
        {label: t('results_total'), values: found.map((f) => value(f, 'results_total'))}], t('chart_history')))));
    out.appendChild(el('div', {id: 'hist-report'}));
  } catch (e) {
    clear(out).appendChild(el('div', {class: 'panel', role: 'alert'}, el('p', {class: 'error-text'}, e.status === 404 ? t('unknown_agency') : e.message)));
  }
}

async function showStoredReport(f) {
  const holder = document.getElementById('hist-report');
  const layout = await layoutOf(f.report.format);
  const view = drawReport(f.report, layout, 'hr');
  const list = f.findings.diagnostics || [];
  const grid = el('div', {class: 'layout'}, view, el('div'));
  clear(holder).appendChild(el('h2', null, t('report_of', {y: f.year})));
  holder.appendChild(grid);
  const targets = placeFindings(view, 'hr', list);
  grid.replaceChild(findingsPanel(list, targets, view), grid.lastChild);
  holder.scrollIntoView({block: 'start'});
}

// ---- routing -------------------------------------------------------------------------------

const PAGES = {check: pageCheck, fill: pageFill, dashboard: pageDashboard, history: pageHistory};

function translateStatic() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-aria]')) node.setAttribute('aria-label', t(node.dataset.tAria));
  document.title = t('title') + ' · nianbao';
}

async function route() {
  const name = (location.hash.replace(/^#/, '').split('?')[0]) || 'check';
  const page = PAGES[name] ? name : 'check';
  for (const a of document.querySelectorAll('.tabs a'))
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  const main = clear(document.getElementById('main'));
  main.dataset.page = page;
  try {
    await PAGES[page](main);
    if (page === 'fill') saveSection(main);
  } catch (e) {
    main.appendChild(el('div', {class: 'panel', role: 'alert'}, el('p', {class: 'error-text'}, e.message)));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const select = document.getElementById('lang-select');
  select.value = lang;
  select.addEventListener('change', () => {
    lang = select.value === 'en' ? 'en' : 'zh';
    localStorage.setItem('nianbao.lang', lang);
    translateStatic();
    route();
  });
  translateStatic();
  window.addEventListener('hashchange', route);
  route();
});
