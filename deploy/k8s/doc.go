// Package k8s holds Tasdeeq's Kubernetes manifests (the *.yaml files next to this one) and the
// test that checks them; it has no code.
package k8s
