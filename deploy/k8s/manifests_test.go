package k8s_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const namespace = "tasdeeq"

// doc is one YAML document of one file.
type doc struct {
	file string
	m    map[string]any
}

func (d doc) kind() string { return str(d.m, "kind") }
func (d doc) name() string { return str(d.m, "metadata.name") }

// where names the file and object a finding is about: "deployment.yaml Deployment/tasdeeq".
func (d doc) where() string { return d.file + " " + d.kind() + "/" + d.name() }

// manifests is every deploy/k8s/*.yaml, sorted by role.
type manifests struct {
	docs          []doc            // Kubernetes objects
	values        map[string]doc   // Helm values files (*-values.yaml), by file
	kustomization *doc             // kustomization.yaml
	files         map[string][]doc // object documents by file
}

func (ms *manifests) ofKind(kind string) []doc {
	var out []doc
	for _, d := range ms.docs {
		if d.kind() == kind {
			out = append(out, d)
		}
	}
	return out
}

func (ms *manifests) named(kind, name string) (doc, bool) {
	for _, d := range ms.ofKind(kind) {
		if d.name() == name {
			return d, true
		}
	}
	return doc{}, false
}

// load parses every *.yaml in this directory, all documents of each.
func load(t *testing.T) *manifests {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no *.yaml in deploy/k8s")
	}
	ms := &manifests{values: map[string]doc{}, files: map[string][]doc{}}
	for _, f := range files {
		docs, err := parseAll(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(docs) == 0 {
			t.Errorf("%s: no YAML document", f)
			continue
		}
		switch {
		case strings.HasSuffix(f, "-values.yaml"):
			ms.values[f] = docs[0]
			if len(docs) > 1 {
				t.Errorf("%s: a Helm values file must be one document, found %d", f, len(docs))
			}
		case f == "kustomization.yaml":
			ms.kustomization = &docs[0]
		default:
			ms.docs = append(ms.docs, docs...)
			ms.files[f] = docs
		}
	}
	return ms
}

// parseAll decodes every non-empty document of a file.
func parseAll(path string) ([]doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []doc
	for i := 1; ; i++ {
		var m map[string]any
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		if m != nil {
			out = append(out, doc{file: path, m: m})
		}
	}
}

// get walks a dotted path of map keys.
func get(m any, path string) any {
	cur := m
	for _, k := range strings.Split(path, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

func str(m any, path string) string {
	s, _ := get(m, path).(string)
	return s
}

func list(m any, path string) []any {
	l, _ := get(m, path).([]any)
	return l
}

func strMap(m any, path string) map[string]string {
	mm, _ := get(m, path).(map[string]any)
	out := map[string]string{}
	for k, v := range mm {
		out[k] = fmt.Sprint(v)
	}
	return out
}

func integer(m any, path string) (int, bool) {
	switch v := get(m, path).(type) {
	case int:
		return v, true
	case string:
		n, err := strconv.Atoi(v)
		return n, err == nil
	}
	return 0, false
}

// subset reports whether every key=value of sel is in labels (and sel is not empty).
func subset(sel, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func TestEveryObjectHasIdentityAndNamespace(t *testing.T) {
	ms := load(t)
	for _, d := range ms.docs {
		for _, f := range []string{"apiVersion", "kind", "metadata.name"} {
			if str(d.m, f) == "" {
				t.Errorf("%s: %s is missing or empty", d.where(), f)
			}
		}
		ns := str(d.m, "metadata.namespace")
		if d.kind() == "Namespace" {
			if d.name() != namespace {
				t.Errorf("%s: metadata.name = %q, want %q", d.where(), d.name(), namespace)
			}
			if ns != "" {
				t.Errorf("%s: metadata.namespace set on a Namespace", d.where())
			}
			continue
		}
		if ns != namespace {
			t.Errorf("%s: metadata.namespace = %q, want %q", d.where(), ns, namespace)
		}
	}
	for _, kind := range []string{"Namespace", "ConfigMap", "Secret", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"} {
		if len(ms.ofKind(kind)) == 0 {
			t.Errorf("deploy/k8s: no %s manifest", kind)
		}
	}
}

// deployment returns the one Deployment, its pod labels and its main container.
func deployment(t *testing.T, ms *manifests) (doc, map[string]string, map[string]any) {
	t.Helper()
	ds := ms.ofKind("Deployment")
	if len(ds) != 1 {
		t.Fatalf("deploy/k8s: want exactly one Deployment, found %d", len(ds))
	}
	d := ds[0]
	labels := strMap(d.m, "spec.template.metadata.labels")
	cs := list(d.m, "spec.template.spec.containers")
	if len(cs) == 0 {
		t.Fatalf("%s: spec.template.spec.containers is empty", d.where())
	}
	c, _ := cs[0].(map[string]any)
	for _, x := range cs {
		if cm, _ := x.(map[string]any); str(cm, "name") == "tasdeeq" {
			c = cm
		}
	}
	return d, labels, c
}

// containerPort resolves a probe or Service port (number or name) against the container's ports.
func containerPort(c map[string]any, port any) (int, bool) {
	switch p := port.(type) {
	case int:
		return p, true
	case string:
		if n, err := strconv.Atoi(p); err == nil {
			return n, true
		}
		for _, x := range list(c, "ports") {
			if str(x, "name") == p {
				return integer(x, "containerPort")
			}
		}
	}
	return 0, false
}

func TestDeployment(t *testing.T) {
	ms := load(t)
	d, labels, c := deployment(t, ms)
	w := d.where()
	cw := fmt.Sprintf("%s container %q", w, str(c, "name"))

	if n, ok := integer(d.m, "spec.replicas"); !ok || n < 3 {
		t.Errorf("%s: spec.replicas = %v, want at least 3", w, get(d.m, "spec.replicas"))
	}
	if sel := strMap(d.m, "spec.selector.matchLabels"); !subset(sel, labels) {
		t.Errorf("%s: spec.selector.matchLabels %v does not match spec.template.metadata.labels %v", w, sel, labels)
	}
	if mu := get(d.m, "spec.strategy.rollingUpdate.maxUnavailable"); mu != 0 && mu != "0" && mu != "0%" {
		t.Errorf("%s: spec.strategy.rollingUpdate.maxUnavailable = %v, want 0", w, mu)
	}
	if get(d.m, "spec.template.spec.automountServiceAccountToken") != false {
		t.Errorf("%s: spec.template.spec.automountServiceAccountToken must be false", w)
	}

	for _, p := range []struct{ probe, path string }{
		{"readinessProbe", "/readyz"},
		{"livenessProbe", "/healthz"},
		{"startupProbe", ""},
	} {
		if get(c, p.probe+".httpGet") == nil {
			t.Errorf("%s: %s.httpGet is missing", cw, p.probe)
			continue
		}
		if got := str(c, p.probe+".httpGet.path"); p.path != "" && got != p.path {
			t.Errorf("%s: %s.httpGet.path = %q, want %q", cw, p.probe, got, p.path)
		}
		// The probes use their own listener (TASDEEQ_PROBE_ADDR :9090), so that a flood on the
		// public port cannot make the kubelet restart the pod.
		if port, ok := containerPort(c, get(c, p.probe+".httpGet.port")); !ok || port != 9090 {
			t.Errorf("%s: %s.httpGet.port = %v, want 9090 (or the name of container port 9090)", cw, p.probe, get(c, p.probe+".httpGet.port"))
		}
	}
	for _, f := range []string{"resources.requests.cpu", "resources.requests.memory", "resources.limits.cpu", "resources.limits.memory"} {
		if get(c, f) == nil || fmt.Sprint(get(c, f)) == "" {
			t.Errorf("%s: %s is missing", cw, f)
		}
	}

	pod := "spec.template.spec.securityContext"
	if get(d.m, pod+".runAsNonRoot") != true {
		t.Errorf("%s: %s.runAsNonRoot must be true", w, pod)
	}
	if s := str(d.m, pod+".seccompProfile.type"); s != "RuntimeDefault" && str(c, "securityContext.seccompProfile.type") != "RuntimeDefault" {
		t.Errorf("%s: %s.seccompProfile.type = %q, want RuntimeDefault", w, pod, s)
	}
	if get(c, "securityContext.allowPrivilegeEscalation") != false {
		t.Errorf("%s: securityContext.allowPrivilegeEscalation must be false", cw)
	}
	if get(c, "securityContext.readOnlyRootFilesystem") != true {
		t.Errorf("%s: securityContext.readOnlyRootFilesystem must be true", cw)
	}
	if drop := list(c, "securityContext.capabilities.drop"); !slices.Contains(drop, any("ALL")) {
		t.Errorf("%s: securityContext.capabilities.drop = %v, want it to contain ALL", cw, drop)
	}

	// envFrom: the ConfigMap and the Secret of this directory.
	var cms, secrets []string
	for i, e := range list(c, "envFrom") {
		if n := str(e, "configMapRef.name"); n != "" {
			cms = append(cms, n)
			if _, ok := ms.named("ConfigMap", n); !ok {
				t.Errorf("%s: envFrom[%d].configMapRef.name %q: no ConfigMap of that name in deploy/k8s", cw, i, n)
			}
		}
		if n := str(e, "secretRef.name"); n != "" {
			secrets = append(secrets, n)
			if _, ok := ms.named("Secret", n); !ok {
				t.Errorf("%s: envFrom[%d].secretRef.name %q: no Secret of that name in deploy/k8s", cw, i, n)
			}
		}
	}
	if len(cms) == 0 {
		t.Errorf("%s: envFrom has no configMapRef", cw)
	}
	if len(secrets) == 0 {
		t.Errorf("%s: envFrom has no secretRef", cw)
	}

	// No literal secret in env: a secret's key, or a name that looks like one, must come from
	// a secretKeyRef.
	secretKeys := map[string]bool{}
	for _, s := range ms.ofKind("Secret") {
		for _, f := range []string{"data", "stringData"} {
			for k := range strMap(s.m, f) {
				secretKeys[k] = true
			}
		}
	}
	for i, e := range list(c, "env") {
		name := str(e, "name")
		if get(e, "value") != nil && (secretKeys[name] || secretish(name)) {
			t.Errorf("%s: env[%d] %s has a literal value; take it from the Secret (envFrom or valueFrom.secretKeyRef)", cw, i, name)
		}
		if ref := str(e, "valueFrom.secretKeyRef.name"); ref != "" {
			if _, ok := ms.named("Secret", ref); !ok {
				t.Errorf("%s: env[%d].valueFrom.secretKeyRef.name %q: no such Secret in deploy/k8s", cw, i, ref)
			}
		}
	}
	if cm, ok := ms.named("ConfigMap", "tasdeeq-config"); !ok || strMap(cm.m, "data")["TASDEEQ_PROBE_ADDR"] != ":9090" {
		t.Errorf("configmap.yaml: TASDEEQ_PROBE_ADDR must be \":9090\", the port the probes use")
	}
	for _, cm := range ms.ofKind("ConfigMap") {
		for k := range strMap(cm.m, "data") {
			if secretKeys[k] || secretish(k) {
				t.Errorf("%s: data.%s looks like a secret; keep it in the Secret", cm.where(), k)
			}
		}
	}
}

// secretish matches setting names that hold credentials.
var secretish = regexp.MustCompile(`TOKEN|SECRET|PASSWORD|PASSWD|REDIS_URL|REFERRAL_URL|_KEY$`).MatchString

func TestSecretKeys(t *testing.T) {
	ms := load(t)
	for _, s := range ms.ofKind("Secret") {
		keys := map[string]bool{}
		for _, f := range []string{"data", "stringData"} {
			for k := range strMap(s.m, f) {
				keys[k] = true
			}
		}
		for _, k := range []string{"TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "REDIS_URL"} {
			if !keys[k] {
				t.Errorf("%s: stringData/data.%s is missing", s.where(), k)
			}
		}
	}
}

func TestIngressExposesOnlyTheWebhook(t *testing.T) {
	ms := load(t)
	for _, in := range ms.ofKind("Ingress") {
		w := in.where()
		if get(in.m, "spec.defaultBackend") != nil {
			t.Errorf("%s: spec.defaultBackend would expose every path", w)
		}
		if len(list(in.m, "spec.tls")) == 0 {
			t.Errorf("%s: spec.tls is missing (Telegram only calls HTTPS webhooks)", w)
		}
		var paths []any
		for i, r := range list(in.m, "spec.rules") {
			for j, p := range list(r, "http.paths") {
				paths = append(paths, p)
				f := fmt.Sprintf("spec.rules[%d].http.paths[%d]", i, j)
				switch got := str(p, "path"); got {
				case "/telegram/webhook":
				case "/whatsapp/webhook":
					// Meta's webhooks come from anywhere: a source range would refuse them.
					if get(in.m, "metadata.annotations") != nil && strMap(in.m, "metadata.annotations")["nginx.ingress.kubernetes.io/whitelist-source-range"] != "" {
						t.Errorf("%s: a source-range restriction on the WhatsApp webhook would refuse Meta", w)
					}
				default:
					t.Errorf("%s: %s.path = %q, want /telegram/webhook or /whatsapp/webhook", w, f, got)
				}
				if got := str(p, "pathType"); got != "Exact" {
					t.Errorf("%s: %s.pathType = %q, want Exact", w, f, got)
				}
				svc := str(p, "backend.service.name")
				if s, ok := ms.named("Service", svc); !ok {
					t.Errorf("%s: %s.backend.service.name %q: no such Service in deploy/k8s", w, f, svc)
				} else if !servicePortExists(s, get(p, "backend.service.port")) {
					t.Errorf("%s: %s.backend.service.port %v is not a port of %s", w, f, get(p, "backend.service.port"), s.where())
				}
			}
		}
		if len(paths) != 1 {
			t.Errorf("%s: spec.rules[*].http.paths has %d paths, want exactly one (/telegram/webhook, or /whatsapp/webhook in its own Ingress)", w, len(paths))
		}
	}
}

func servicePortExists(svc doc, port any) bool {
	name, num := str(port, "name"), get(port, "number")
	for _, p := range list(svc.m, "spec.ports") {
		if (name != "" && str(p, "name") == name) || (num != nil && get(p, "port") == num) {
			return true
		}
	}
	return false
}

func TestHPATargetsTheDeployment(t *testing.T) {
	ms := load(t)
	d, _, _ := deployment(t, ms)
	for _, h := range ms.ofKind("HorizontalPodAutoscaler") {
		w := h.where()
		if got := str(h.m, "apiVersion"); got != "autoscaling/v2" {
			t.Errorf("%s: apiVersion = %q, want autoscaling/v2", w, got)
		}
		if k, n := str(h.m, "spec.scaleTargetRef.kind"), str(h.m, "spec.scaleTargetRef.name"); k != "Deployment" || n != d.name() {
			t.Errorf("%s: spec.scaleTargetRef = %s/%s, want Deployment/%s", w, k, n, d.name())
		}
		cpu := false
		for _, m := range list(h.m, "spec.metrics") {
			if str(m, "type") == "Resource" && str(m, "resource.name") == "cpu" {
				cpu = true
			}
		}
		if !cpu {
			t.Errorf("%s: spec.metrics has no Resource cpu target", w)
		}
		minR, _ := integer(h.m, "spec.minReplicas")
		maxR, _ := integer(h.m, "spec.maxReplicas")
		if minR < 3 || maxR < minR {
			t.Errorf("%s: spec.minReplicas = %d, spec.maxReplicas = %d: want min at least 3 and max at least min", w, minR, maxR)
		}
	}
}

func TestSelectorsMatchThePods(t *testing.T) {
	ms := load(t)
	_, labels, c := deployment(t, ms)
	for _, p := range ms.ofKind("PodDisruptionBudget") {
		if sel := strMap(p.m, "spec.selector.matchLabels"); !subset(sel, labels) {
			t.Errorf("%s: spec.selector.matchLabels %v does not match the Deployment's pod labels %v", p.where(), sel, labels)
		}
	}
	for _, s := range ms.ofKind("Service") {
		if sel := strMap(s.m, "spec.selector"); !subset(sel, labels) {
			t.Errorf("%s: spec.selector %v does not match the Deployment's pod labels %v", s.where(), sel, labels)
		}
		for i, p := range list(s.m, "spec.ports") {
			if port, ok := containerPort(c, get(p, "targetPort")); !ok || port != 8080 {
				t.Errorf("%s: spec.ports[%d].targetPort = %v, want container port 8080", s.where(), i, get(p, "targetPort"))
			}
		}
	}
	for _, n := range ms.ofKind("NetworkPolicy") {
		if sel := strMap(n.m, "spec.podSelector.matchLabels"); !subset(sel, labels) {
			t.Errorf("%s: spec.podSelector.matchLabels %v does not match the Deployment's pod labels %v", n.where(), sel, labels)
		}
		for i, r := range list(n.m, "spec.ingress") {
			for j, p := range list(r, "ports") {
				if port := get(p, "port"); port != 8080 && port != 9090 {
					t.Errorf("%s: spec.ingress[%d].ports[%d].port = %v, want 8080 (webhook) or 9090 (metrics) only", n.where(), i, j, port)
				}
			}
		}
	}
}

func TestKustomizationListsTheManifests(t *testing.T) {
	ms := load(t)
	if ms.kustomization == nil {
		t.Fatal("deploy/k8s: kustomization.yaml is missing")
	}
	k := *ms.kustomization
	listed := map[string]bool{}
	for _, r := range list(k.m, "resources") {
		s, _ := r.(string)
		listed[s] = true
		if _, ok := ms.files[s]; !ok {
			t.Errorf("kustomization.yaml: resources lists %q, which is not a manifest in deploy/k8s", r)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(ms.files)) {
		onlySecrets := true
		for _, d := range ms.files[f] {
			onlySecrets = onlySecrets && d.kind() == "Secret"
		}
		switch {
		case onlySecrets && listed[f]:
			// Applying the placeholder template would overwrite the real Secret.
			t.Errorf("kustomization.yaml: resources lists %s, the Secret template; create the Secret with kubectl instead", f)
		case !onlySecrets && !listed[f]:
			t.Errorf("kustomization.yaml: resources does not list %s", f)
		}
	}
}

func TestRedisValues(t *testing.T) {
	ms := load(t)
	v, ok := ms.values["redis-values.yaml"]
	if !ok {
		t.Fatal("deploy/k8s: redis-values.yaml (Bitnami Redis chart values) is missing")
	}
	if get(v.m, "sentinel.enabled") != true {
		t.Errorf("redis-values.yaml: sentinel.enabled must be true")
	}
	if n, _ := integer(v.m, "replica.replicaCount"); n < 3 {
		t.Errorf("redis-values.yaml: replica.replicaCount = %d, want at least 3", n)
	}
	if conf := str(v.m, "commonConfiguration"); !regexp.MustCompile(`(?m)^\s*appendonly\s+yes\s*$`).MatchString(conf) {
		t.Errorf("redis-values.yaml: commonConfiguration must contain \"appendonly yes\"")
	}
	if get(v.m, "auth.enabled") != true || str(v.m, "auth.existingSecret") == "" {
		t.Errorf("redis-values.yaml: auth.enabled must be true with auth.existingSecret set (no password in the values file)")
	}
	if str(v.m, "auth.password") != "" {
		t.Errorf("redis-values.yaml: auth.password must not be set; use auth.existingSecret")
	}
	if get(v.m, "replica.persistence.enabled") != true {
		t.Errorf("redis-values.yaml: replica.persistence.enabled must be true")
	}
}

// TestRedisClusterValues: the Redis Cluster variant (issue 19) has three primaries with a replica
// each, persistence, a password from a Secret, and no eviction.
func TestRedisClusterValues(t *testing.T) {
	ms := load(t)
	v, ok := ms.values["redis-cluster-values.yaml"]
	if !ok {
		t.Fatal("deploy/k8s: redis-cluster-values.yaml (Bitnami Redis Cluster chart values) is missing")
	}
	nodes, _ := integer(v.m, "cluster.nodes")
	replicas, _ := integer(v.m, "cluster.replicas")
	if replicas < 1 || nodes/(replicas+1) < 3 {
		t.Errorf("redis-cluster-values.yaml: cluster.nodes = %d with cluster.replicas = %d; want at least 3 primaries with a replica each", nodes, replicas)
	}
	if str(v.m, "existingSecret") == "" || str(v.m, "password") != "" {
		t.Errorf("redis-cluster-values.yaml: existingSecret must be set and password must not (no password in the values file)")
	}
	conf := str(v.m, "redis.configmap")
	for _, line := range []string{`maxmemory-policy\s+noeviction`, `min-replicas-to-write\s+1`} {
		if !regexp.MustCompile(`(?m)^\s*` + line + `\s*$`).MatchString(conf) {
			t.Errorf("redis-cluster-values.yaml: redis.configmap must contain %q", line)
		}
	}
	if str(v.m, "redis.useAOFPersistence") != "yes" || get(v.m, "persistence.enabled") != true {
		t.Errorf("redis-cluster-values.yaml: AOF and persistence must be on")
	}
}

func TestCompose(t *testing.T) {
	const file = "../compose.yaml"
	docs, err := parseAll(file)
	if err != nil {
		t.Fatalf("deploy/compose.yaml: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("deploy/compose.yaml: want one document, found %d", len(docs))
	}
	c := docs[0].m

	redis := get(c, "services.redis")
	if redis == nil {
		t.Fatal("deploy/compose.yaml: services.redis is missing")
	}
	var words []string
	switch cmd := get(redis, "command").(type) {
	case string:
		words = strings.Fields(cmd)
	case []any:
		for _, w := range cmd {
			words = append(words, strings.Fields(fmt.Sprint(w))...)
		}
	}
	aof := false
	for i := 0; i+1 < len(words); i++ {
		if strings.TrimLeft(words[i], "-") == "appendonly" && words[i+1] == "yes" {
			aof = true
		}
	}
	if !aof {
		t.Errorf("deploy/compose.yaml: services.redis.command %v does not turn on appendonly yes", words)
	}
	if len(list(redis, "volumes")) == 0 {
		t.Errorf("deploy/compose.yaml: services.redis.volumes is missing (the AOF would not survive the container)")
	}

	app := get(c, "services.tasdeeq")
	if app == nil {
		t.Fatal("deploy/compose.yaml: services.tasdeeq is missing")
	}
	switch dep := get(app, "depends_on").(type) {
	case []any:
		if !slices.Contains(dep, any("redis")) {
			t.Errorf("deploy/compose.yaml: services.tasdeeq.depends_on %v does not list redis", dep)
		}
	case map[string]any:
		if _, ok := dep["redis"]; !ok {
			t.Errorf("deploy/compose.yaml: services.tasdeeq.depends_on does not list redis")
		} else if cond := str(dep, "redis.condition"); cond != "service_healthy" {
			t.Errorf("deploy/compose.yaml: services.tasdeeq.depends_on.redis.condition = %q, want service_healthy", cond)
		}
	default:
		t.Errorf("deploy/compose.yaml: services.tasdeeq.depends_on is missing")
	}
	if get(app, "read_only") != true {
		t.Errorf("deploy/compose.yaml: services.tasdeeq.read_only must be true")
	}
	if env, _ := get(app, "environment").(map[string]any); env != nil {
		for k, v := range env {
			if k != "REDIS_URL" && secretish(k) && fmt.Sprint(v) != "" {
				t.Errorf("deploy/compose.yaml: services.tasdeeq.environment.%s is a literal secret; put it in tasdeeq.env", k)
			}
		}
	}
}
