// Offline validation of rendered Kubernetes manifests (the output of `kubectl kustomize`), run by deploy/validate.sh.
//
//   node deploy/.tools/validate-k8s.mjs NAME=rendered.yaml [NAME=rendered.yaml ...]
//
// 1. Schema: every document is checked against the schema of its apiVersion/kind, with nothing fetched at run time:
//    - Kubernetes API (OpenAPI of Kubernetes 1.36): npm kubernetes-models, which ships ajv-compiled validators;
//    - KEDA (keda.sh/v1alpha1, from KEDA 2.19's Go API types): npm @kubernetes-models/keda;
//    - Strimzi (kafka.strimzi.io/v1 and v1beta2, from Strimzi 0.49 and 1.0 CRDs): npm @kubernetes-models/strimzi-kafka-operator;
//    - MongoDB Community (mongodbcommunity.mongodb.com/v1): schemas/ in this folder (no registry ships that CRD), with ajv.
//    A kind without a schema, or an apiVersion outside ALLOWED_API_VERSIONS (e.g. one Kubernetes has removed), fails.
// 2. Windshift rules the schemas cannot express: probes on the actuator health groups, requests and limits, the
//    restricted security context with an emptyDir on /tmp, references to ConfigMaps and Secrets that exist (or are
//    the documented ones created out of band), KEDA's maxReplicaCount within the topics' partition count, no
//    /actuator path on the Ingress, no NodePort or LoadBalancer Service.
// Exits 1 when anything fails.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));

// GA API versions this repository may use; anything else (a beta, a removed version) is an error.
const ALLOWED_API_VERSIONS = new Set([
  "v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1", "batch/v1", "rbac.authorization.k8s.io/v1",
  "keda.sh/v1alpha1", "kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2", "mongodbcommunity.mongodb.com/v1",
]);

// Secrets the manifests reference but never contain: created per environment (docs/operations.md, "Secrets").
const EXTERNAL_SECRETS = new Set([
  "windshift/windshift-mongodb-windshift", // written by the MongoDB operator (production)
  "windshift/windshift-notification", // webhook signing key
  "windshift/windshift-tls", // Ingress certificate
  "windshift-infra/windshift-mongodb-password", // the MongoDB user's password
  "windshift/windshift-gateway-redis", // the gateway's Redis URL with the password (production)
  "windshift-infra/windshift-redis-password", // Redis's requirepass (production)
  "windshift/windshift-gateway-login", // the gateway's client secret at the company's OpenID Connect provider (production)
]);

const WORKLOAD_NAMESPACE = "windshift";

const mongoSchema = JSON.parse(readFileSync(join(here, "schemas", "mongodbcommunity.mongodb.com_v1_MongoDBCommunity.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
const ajvValidators = { "mongodbcommunity.mongodb.com/v1/MongoDBCommunity": ajv.compile(mongoSchema) };

function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "keda.sh") return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  if (group === "kafka.strimzi.io") return `@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/${version}/${kind}`;
  if (group.includes(".") && !group.endsWith(".k8s.io")) return null;
  return group === "" ? `kubernetes-models/v1/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

async function validateSchema(original) {
  let doc = original;
  if (doc.kind === "Secret" && doc.data) {
    // kustomize folds long base64 values over lines; the API server's decoder (Go's base64) skips line breaks.
    doc = { ...doc, data: Object.fromEntries(Object.entries(doc.data).map(([k, v]) => [k, String(v).replace(/[\r\n]/g, "")])) };
  }
  const key = `${doc.apiVersion}/${doc.kind}`;
  if (ajvValidators[key]) {
    const validate = ajvValidators[key];
    return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
  }
  const module = modelModule(doc.apiVersion, doc.kind);
  if (!module) return [`no schema known for ${key}`];
  let Model;
  try {
    Model = (await import(module))[doc.kind];
  } catch {
    return [`no schema known for ${key}`];
  }
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    return String(e.message).split("\n").map((l) => l.replace(/^data/, "")).filter(Boolean);
  }
}

const ref = (ns, name) => `${ns}/${name}`;

function workloadRules(doc, index) {
  const errors = [];
  const spec = doc.spec?.template?.spec ?? {};
  const podSc = spec.securityContext ?? {};
  if (podSc.runAsNonRoot !== true) errors.push("pod securityContext.runAsNonRoot must be true");
  if (!Number.isInteger(podSc.runAsUser) || podSc.runAsUser === 0) errors.push("pod securityContext.runAsUser must be a non-zero uid (the image's user is named, not numeric)");
  if (podSc.seccompProfile?.type !== "RuntimeDefault") errors.push("pod securityContext.seccompProfile.type must be RuntimeDefault");
  const tmpVolumes = new Set((spec.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  for (const c of spec.containers ?? []) {
    const where = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) errors.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
    if (sc.readOnlyRootFilesystem !== true) errors.push(`${where}: securityContext.readOnlyRootFilesystem must be true`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) errors.push(`${where}: securityContext.capabilities.drop must contain ALL`);
    if (sc.privileged === true) errors.push(`${where}: must not be privileged`);
    if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && tmpVolumes.has(m.name))) errors.push(`${where}: needs an emptyDir mounted on /tmp (read-only root filesystem)`);
    for (const kind of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) if (!c.resources?.[kind]?.[r]) errors.push(`${where}: resources.${kind}.${r} is missing`);
    }
    const probes = { startupProbe: "/actuator/health/liveness", livenessProbe: "/actuator/health/liveness", readinessProbe: "/actuator/health/readiness" };
    for (const [probe, path] of Object.entries(probes)) {
      if (c[probe]?.httpGet?.path !== path) errors.push(`${where}: ${probe} must GET ${path}`);
    }
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      if (s && !index.secrets.has(ref(doc.metadata.namespace, s.name))) errors.push(`${where}: env ${e.name} refers to Secret ${s.name}, which is neither rendered nor a documented external Secret`);
      const m = e.valueFrom?.configMapKeyRef;
      if (m && !index.configMaps.has(ref(doc.metadata.namespace, m.name))) errors.push(`${where}: env ${e.name} refers to missing ConfigMap ${m.name}`);
      if (e.value !== undefined && /(SECRET|PASSWORD|TOKEN)/.test(e.name) && e.value !== "") errors.push(`${where}: env ${e.name} holds a literal value; use a secretKeyRef`);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef && !index.configMaps.has(ref(doc.metadata.namespace, f.configMapRef.name))) errors.push(`${where}: envFrom refers to missing ConfigMap ${f.configMapRef.name}`);
      if (f.secretRef && !index.secrets.has(ref(doc.metadata.namespace, f.secretRef.name))) errors.push(`${where}: envFrom refers to missing Secret ${f.secretRef.name}`);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret && !index.secrets.has(ref(doc.metadata.namespace, v.secret.secretName))) errors.push(`volume ${v.name} refers to missing Secret ${v.secret.secretName}`);
    if (v.configMap && !index.configMaps.has(ref(doc.metadata.namespace, v.configMap.name))) errors.push(`volume ${v.name} refers to missing ConfigMap ${v.configMap.name}`);
  }
  return errors;
}

function scaledObjectRules(doc, index) {
  const errors = [];
  const max = doc.spec?.maxReplicaCount;
  for (const t of doc.spec?.triggers ?? []) {
    if (t.type !== "kafka") continue;
    const topic = t.metadata?.topic;
    const partitions = index.topicPartitions.get(topic) ?? index.defaultPartitions;
    if (partitions === undefined) errors.push(`trigger ${t.name}: cannot tell the partition count of ${topic}`);
    else if (max > partitions) errors.push(`maxReplicaCount ${max} exceeds the ${partitions} partitions of ${topic}`);
    if (!t.metadata?.consumerGroup) errors.push(`trigger ${t.name}: consumerGroup is missing`);
  }
  if (!index.deployments.has(ref(doc.metadata.namespace, doc.spec?.scaleTargetRef?.name))) errors.push(`scaleTargetRef ${doc.spec?.scaleTargetRef?.name} is not a rendered Deployment`);
  return errors;
}

function ingressRules(doc) {
  const errors = [];
  for (const rule of doc.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      // An exact "/" is only the root (it redirects to the console); a prefix "/" would publish everything.
      if ((p.path === "/" && p.pathType !== "Exact") || p.path?.startsWith("/actuator")) errors.push(`path ${p.path} would publish /actuator; list the gateway's public paths instead`);
      if (p.backend?.service?.name !== "gateway") errors.push(`path ${p.path} routes to ${p.backend?.service?.name}: only the gateway is public`);
    }
  }
  return errors;
}

function buildIndex(docs) {
  const index = { configMaps: new Set(), secrets: new Set(EXTERNAL_SECRETS), deployments: new Set(), topicPartitions: new Map(), defaultPartitions: undefined };
  for (const d of docs) {
    const ns = d.metadata?.namespace;
    if (d.kind === "ConfigMap") {
      index.configMaps.add(ref(ns, d.metadata.name));
      const p = d.data?.WINDSHIFT_MESSAGING_PARTITIONS;
      if (p !== undefined) index.defaultPartitions = Number(p);
    }
    if (d.kind === "Secret") index.secrets.add(ref(ns, d.metadata.name));
    if (d.kind === "Deployment") index.deployments.add(ref(ns, d.metadata.name));
    if (d.kind === "KafkaTopic") index.topicPartitions.set(d.spec?.topicName ?? d.metadata.name, d.spec?.partitions);
  }
  return index;
}

async function validateFile(label, file) {
  const docs = [];
  const problems = [];
  for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (parsed.errors.length) problems.push(`YAML: ${parsed.errors.map((e) => e.message).join("; ")}`);
    const d = parsed.toJS();
    if (d) docs.push(d);
  }
  const index = buildIndex(docs);
  const kinds = new Map();
  for (const d of docs) {
    const id = `${d.kind ?? "?"} ${d.metadata?.namespace ? d.metadata.namespace + "/" : ""}${d.metadata?.name ?? "?"}`;
    const errors = [];
    if (!ALLOWED_API_VERSIONS.has(d.apiVersion)) errors.push(`apiVersion ${d.apiVersion} is not one this repository allows (removed or not GA?)`);
    errors.push(...(await validateSchema(d)));
    if (d.kind !== "Namespace" && !d.metadata?.namespace) errors.push("metadata.namespace is missing (the overlay would apply it to whatever namespace is current)");
    if ((d.kind === "Deployment" || d.kind === "StatefulSet") && d.metadata?.namespace === WORKLOAD_NAMESPACE) errors.push(...workloadRules(d, index));
    if (d.kind === "ScaledObject") errors.push(...scaledObjectRules(d, index));
    if (d.kind === "Ingress") errors.push(...ingressRules(d));
    if (d.kind === "Service" && ["NodePort", "LoadBalancer"].includes(d.spec?.type)) errors.push(`Service type ${d.spec.type}: only the Ingress is public`);
    if (errors.length) problems.push(...errors.map((e) => `${id}: ${e}`));
    const k = `${d.apiVersion}/${d.kind}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  const summary = [...kinds].sort().map(([k, n]) => `${n} ${k}`).join(", ");
  if (problems.length) {
    console.log(`FAIL ${label}: ${problems.length} problem(s) in ${docs.length} resources`);
    for (const p of problems) console.log(`  - ${p}`);
  } else {
    console.log(`ok   ${label}: ${docs.length} resources valid (${summary})`);
  }
  return problems.length === 0;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: validate-k8s.mjs NAME=rendered.yaml [...]");
  process.exit(2);
}
let ok = true;
for (const a of args) {
  const [label, file] = a.includes("=") ? a.split("=", 2) : [a, a];
  ok = (await validateFile(label, file)) && ok;
}
process.exit(ok ? 0 : 1);
