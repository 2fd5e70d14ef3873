/** The preview's stylesheet: HubSpot-like chrome and a plain drawing of each ui-extensions component. */
export const PREVIEW_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 "Lexend Deca","Avenir Next",Helvetica,Arial,sans-serif;color:#33475b;background:#f5f8fa}
a{color:#0091ae;text-decoration:none}a:hover{text-decoration:underline}
.topbar{display:flex;align-items:center;gap:16px;background:#2d3e50;color:#fff;padding:10px 24px}.topbar .brand{font-weight:700}
.topbar .badge{background:#ff7a59;border-radius:3px;padding:1px 8px;font-size:12px}.topbar nav{margin-left:auto;display:flex;gap:16px}.topbar nav a{color:#fff}
main.page{max-width:1100px;margin:24px auto;padding:0 16px}main.record{display:grid;grid-template-columns:280px 1fr;gap:20px;max-width:1280px;margin:24px auto;padding:0 16px}
.props{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:16px;align-self:start}.props h2{margin:0 0 12px;font-size:18px}
.prop{display:flex;flex-direction:column;padding:6px 0;border-bottom:1px solid #eaf0f6}.prop span{font-size:12px;color:#7c98b6}.prop b{font-weight:500;word-break:break-word}
.frame{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:20px 24px}.crumbs{font-size:12px;color:#7c98b6;margin-bottom:12px}
.contacts{list-style:none;padding:0}.contacts li{display:flex;gap:12px;padding:8px 0;border-bottom:1px solid #eaf0f6}.contacts span{color:#7c98b6}
.host-alerts{display:flex;flex-direction:column;gap:8px;margin-bottom:8px}
.hs-text{margin:0}.hs-text.micro{font-size:12px;color:#516f90}.hs-text.bold{font-weight:600}.hs-text.italic{font-style:italic}
.hs-heading{margin:4px 0;font-size:16px;font-weight:600}.hs-divider{border:0;border-top:1px solid #dfe3eb;margin:8px 0;width:100%}
.hs-tile{border:1px solid #dfe3eb;border-radius:4px;padding:12px;background:#fff}.hs-tile.compact{padding:8px}
.hs-generic{display:contents}
.hs-alert{border-left:4px solid #00a4bd;background:#e5f5f8;padding:8px 12px;border-radius:3px;white-space:pre-line}
.hs-alert.success{border-color:#00bda5;background:#e5f8f6}.hs-alert.warning{border-color:#f5c26b;background:#fef8f0}.hs-alert.danger,.hs-alert.error{border-color:#f2545b;background:#fde8e9}
.hs-alert-body{margin-top:4px}
.hs-empty{display:flex;gap:16px;align-items:flex-start;padding:16px}.hs-empty-art{width:56px;height:56px;border-radius:50%;background:#eaf0f6;display:grid;place-items:center;font-size:26px;color:#7c98b6;flex:none}
.hs-empty.error .hs-empty-art{background:#fde8e9;color:#f2545b}
.hs-spinner{display:flex;align-items:center;gap:8px;color:#516f90;padding:12px}.hs-spin{width:18px;height:18px;border:3px solid #cbd6e2;border-top-color:#0091ae;border-radius:50%;animation:spin 1s linear infinite;display:inline-block}
.hs-spin.small{width:12px;height:12px;border-width:2px;margin-right:6px;vertical-align:-1px}@keyframes spin{to{transform:rotate(360deg)}}.sr{position:absolute;left:-9999px}
.hs-progress{min-width:240px}.hs-progress-title{font-size:12px;font-weight:600}.hs-progress-track{height:8px;background:#eaf0f6;border-radius:4px;overflow:hidden;margin:4px 0}
.hs-progress-fill{height:100%;background:#0091ae}.hs-progress.success .hs-progress-fill{background:#00bda5}.hs-progress.danger .hs-progress-fill{background:#f2545b}
.hs-status{display:inline-flex;align-items:center;gap:6px;font-weight:600;font-size:13px}.hs-status .dot{width:8px;height:8px;border-radius:50%;background:#cbd6e2}
.hs-status.success .dot{background:#00bda5}.hs-status.info .dot{background:#00a4bd}.hs-status.warning .dot{background:#f5c26b}.hs-status.danger .dot{background:#f2545b}
.hs-tag{display:inline-block;border:1px solid #cbd6e2;background:#f5f8fa;border-radius:3px;padding:0 8px;font-size:12px}.hs-tag.warning{background:#fef8f0;border-color:#f5c26b}.hs-tag.success{background:#e5f8f6;border-color:#00bda5}
.hs-stats{display:flex;gap:32px}.hs-stat-label{font-size:12px;color:#516f90;text-transform:uppercase;letter-spacing:.03em}.hs-stat-number{font-size:28px;font-weight:300}
.hs-accordion{border-top:1px solid #dfe3eb;width:100%}.hs-accordion-title{all:unset;cursor:pointer;display:block;padding:8px 0;font-weight:600;width:100%}.hs-accordion-title .chev{display:inline-block;width:16px;color:#0091ae}.hs-accordion-body{padding:0 0 12px 16px}
.hs-table{border-collapse:collapse;width:100%}.hs-table th{text-align:left;font-size:11px;text-transform:uppercase;color:#516f90;background:#f5f8fa;border-bottom:1px solid #cbd6e2;padding:6px 8px}
.hs-table td{border-bottom:1px solid #eaf0f6;padding:6px 8px;vertical-align:top}.hs-table.condensed td{padding:4px 8px}
.hs-field{display:flex;flex-direction:column;gap:2px;min-width:min(160px,100%);max-width:100%}.hs-field>.hs-text.micro{max-width:36em}.hs-label{font-size:12px;font-weight:600}.hs-input{font:inherit;color:inherit;border:1px solid #cbd6e2;border-radius:3px;padding:6px 8px;background:#f5f8fa}
.hs-input:focus{outline:2px solid #00a4bd;background:#fff}.hs-input.number{width:120px}textarea.hs-input{font-family:ui-monospace,Menlo,monospace;font-size:12px;width:100%;min-width:min(480px,100%)}
.hs-field.has-error .hs-input{border-color:#f2545b}.hs-error{color:#f2545b;font-size:12px}
.hs-toggle{display:inline-flex;align-items:center;gap:8px;cursor:pointer}
.hs-button{font:inherit;font-weight:600;border-radius:3px;padding:6px 14px;cursor:pointer;border:1px solid #ff7a59;background:#fff;color:#ff7a59}
.hs-button.primary{background:#ff7a59;color:#fff}.hs-button.destructive{border-color:#f2545b;background:#f2545b;color:#fff}.hs-button.transparent{border-color:transparent;color:#0091ae;padding:2px 6px}
.hs-button.xs,.hs-button.extra-small,.hs-button.sm,.hs-button.small{padding:2px 10px;font-size:12px}.hs-button:disabled{opacity:.45;cursor:default}
.hs-buttonrow{display:flex;gap:8px;flex-wrap:wrap}
.hs-flex.col>.hs-button,.hs-flex.col>.hs-field,.hs-flex.col>.hs-toggle,.hs-flex.col>.hs-tag,.hs-flex.col>.hs-buttonrow{align-self:flex-start}
.hs-flex.row>.hs-button{align-self:flex-end}
.hs-tabs{width:100%}.hs-tabstrip{display:flex;gap:4px;border-bottom:1px solid #cbd6e2;margin-bottom:12px}
.hs-tabstrip button{all:unset;cursor:pointer;padding:8px 14px;border-bottom:3px solid transparent;font-weight:600;color:#516f90}.hs-tabstrip button.active{border-color:#ff7a59;color:#33475b}
.hs-modal-backdrop{position:fixed;inset:0;background:rgba(45,62,80,.5);display:grid;place-items:center;z-index:10}
.hs-modal{background:#fff;border-radius:4px;width:min(560px,92vw);box-shadow:0 8px 24px rgba(0,0,0,.25)}.hs-modal.sm,.hs-modal.small{width:min(420px,92vw)}
.hs-modal-head{display:flex;align-items:center;justify-content:space-between;background:#00a4bd;color:#fff;padding:10px 16px;border-radius:4px 4px 0 0}
.hs-x{all:unset;cursor:pointer;font-size:22px}.hs-modal-body{padding:16px;display:flex;flex-direction:column;gap:12px}.hs-modal-foot{padding:12px 16px;border-top:1px solid #eaf0f6;display:flex;gap:8px}
.hs-chart{margin:0;width:100%;max-width:640px}.hs-chart figcaption{font-weight:600;font-size:13px}.hs-chart .tick{font-size:10px;fill:#7c98b6}.hs-chart .axis{font-size:11px;fill:#516f90}
.hs-legend{display:flex;gap:12px;font-size:12px}.hs-legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}

.hs-chart .value{font-size:9px;fill:#516f90}
.hs-multiselect{display:flex;flex-direction:column;gap:2px;border:1px solid #cbd6e2;border-radius:3px;padding:4px 8px;background:#f5f8fa;max-height:160px;overflow:auto}
.hs-check{display:flex;gap:6px;align-items:center;font-size:13px}.hs-tip{color:#0091ae;cursor:help;font-weight:400}
.hs-alert.host{display:flex;align-items:flex-start;gap:8px}.hs-alert.host>div{flex:1}.hs-alert.host .hs-x{font-size:18px;color:#516f90}
.search{display:flex;gap:8px;margin:8px 0}.search .hs-input{flex:1;max-width:360px}.count{color:#516f90;font-size:12px;margin:4px 0}
.contacts-table .num{text-align:right}.contacts-table .sub{font-size:12px;color:#7c98b6}.contacts-table th a{color:inherit}
.hs-flex.row{min-width:0}.hs-flex.row>.hs-field{flex:0 1 auto}
.extension{min-width:0;overflow-wrap:break-word}
@media (max-width:800px){main.record{grid-template-columns:1fr}.props{order:2}.topbar{flex-wrap:wrap;padding:10px 12px}.frame{padding:12px}
.hs-stats{flex-wrap:wrap;gap:16px}.hs-table{display:block;overflow-x:auto}.hs-tabstrip{overflow-x:auto}.hs-tabstrip button{white-space:nowrap}}
@media (max-width:520px){main.page,main.record{padding:0 6px;margin:12px auto}.contacts-table .email{display:none}.hs-flex.row{flex-wrap:wrap}
.hs-field{min-width:0;width:100%}.hs-input.number{width:100%}.hs-modal-foot{flex-wrap:wrap}}
`;
