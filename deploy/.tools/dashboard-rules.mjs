// Turns every PromQL expression of the Grafana dashboards into a recording rule, so `promtool check rules` can
// parse them offline (deploy/validate.sh). Grafana's interval variables are replaced by a fixed range first.
//   node deploy/.tools/dashboard-rules.mjs OUT.yml dashboard.json [...]
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { stringify } from "yaml";

const [out, ...files] = process.argv.slice(2);
const rules = [];
for (const file of files) {
  const dashboard = JSON.parse(readFileSync(file, "utf8"));
  const walk = (panels) => {
    for (const p of panels ?? []) {
      walk(p.panels);
      for (const t of p.targets ?? []) {
        if (!t.expr) continue;
        const expr = t.expr.replace(/\$__rate_interval|\$__interval|\$__range/g, "5m");
        rules.push({ record: `dashboard:${basename(file, ".json").replace(/[^a-zA-Z0-9_]/g, "_")}:panel${p.id}_${t.refId}`, expr });
      }
    }
  };
  walk(dashboard.panels);
}
writeFileSync(out, stringify({ groups: [{ name: "dashboard-expressions", rules }] }));
console.log(`${rules.length} dashboard expressions from ${files.length} dashboard(s)`);
