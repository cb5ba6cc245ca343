package deploy_test

import (
	"os"
	"strings"
	"testing"
)

// TestImageCanReadPictures checks the runtime stage of the Dockerfile (the image cannot be built
// on the development machine, which has no Docker engine): Tesseract with the Urdu and English
// models is installed, and the image runs as the user the Kubernetes manifests expect.
func TestImageCanReadPictures(t *testing.T) {
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	stages := strings.Split(string(data), "\nFROM ")
	runtime := stages[len(stages)-1]
	for _, want := range []string{"tesseract-ocr ", "tesseract-ocr-eng", "tesseract-ocr-urd", "ca-certificates", "USER 65532:65532", `ENTRYPOINT ["/tasdeeq"]`} {
		if !strings.Contains(runtime, want) {
			t.Errorf("the runtime stage lacks %q", want)
		}
	}
	k8s, err := os.ReadFile("k8s/deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(k8s), "runAsUser: 65532") {
		t.Error("deployment.yaml no longer runs as 65532: keep it and the Dockerfile's USER together")
	}
}
