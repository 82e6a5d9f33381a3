// The report page's style sheet (see report_css.hpp): sans-serif with CJK fallback, thin
// table rules and zebra rows, warning-level colours, and print rules for A4: tables,
// charts and image rows kept whole where they fit, table headers repeated on each page.
#include "twin/fourpre/report_css.hpp"

namespace floodtwin::twin {

std::string report_css() {
    return R"(@page { size: A4; margin: 14mm; }
:root { --rule: #c9ced6; --ink: #1d232b; --muted: #5b6470; --accent: #1f4e89; --zebra: #f3f5f8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 182mm; padding: 8mm 0; color: var(--ink); font-size: 10.5pt; line-height: 1.45;
  font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
@media print { body { max-width: none; padding: 0; } }
header.report { border-bottom: 2px solid var(--accent); padding-bottom: 3mm; margin-bottom: 5mm; }
h1 { font-size: 19pt; margin: 0; color: var(--accent); letter-spacing: 0.01em; }
.subtitle { margin: 1mm 0 0; color: var(--muted); font-size: 11pt; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(40mm, 1fr)); gap: 2mm 5mm;
  margin: 4mm 0 0; padding: 3mm 4mm; background: var(--zebra); border: 1px solid var(--rule); border-radius: 2px; }
dl.facts div { min-width: 0; }
dl.facts dt { font-size: 8pt; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
section { margin: 0 0 6mm; }
h2 { font-size: 14pt; color: var(--accent); margin: 6mm 0 3mm; padding-bottom: 1mm;
  border-bottom: 1px solid var(--rule); break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 3mm; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 0 0 5mm; font-size: 9pt;
  break-inside: avoid; page-break-inside: avoid; }
table.wide { font-size: 7.5pt; }
table.long { break-inside: auto; page-break-inside: auto; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 1.5mm; font-size: 10pt; }
thead { display: table-header-group; }
th, td { padding: 1.2mm 2mm; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
td.unbroken { overflow-wrap: anywhere; }
table.wide th, table.wide td { padding: 0.9mm 1.1mm; }
th { background: #e6ebf2; border-top: 1.5px solid #8d97a5; border-bottom: 1.5px solid #8d97a5; font-weight: 600; }
tbody tr:nth-child(even) td { background: var(--zebra); }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr td.level-red { background: #d7263d; color: #fff; font-weight: 600; }
tbody tr td.level-orange { background: #f28c28; color: #fff; font-weight: 600; }
tbody tr td.level-yellow { background: #ffd23f; color: #222; font-weight: 600; }
tbody tr td.level-blue { background: #2f7fd1; color: #fff; font-weight: 600; }
td.bad { color: #b3001b; font-weight: 600; }
td.good { color: #1b7a3a; font-weight: 600; }
figure { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figure.chart { border: 1px solid var(--rule); padding: 2mm 2mm 1mm; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 1mm; }
.images { display: flex; gap: 4mm; margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
.images figure { flex: 1 1 0; min-width: 0; margin: 0; }
img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule);
  break-inside: avoid; page-break-inside: avoid; }
footer.report { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid var(--rule); font-size: 8.5pt;
  color: var(--muted); }
)";
}

}  // namespace floodtwin::twin
