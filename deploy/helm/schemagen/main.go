// Command schemagen writes the JSON schemas kubeconform validates rendered manifests against,
// offline: from the Kubernetes OpenAPI document (api/openapi-spec/swagger.json of the
// k8s.io/kubernetes module) and from CustomResourceDefinition files (KEDA's, from the
// github.com/kedacore/keda/v2 module). Both come from the Go module proxy; nothing is fetched
// from elsewhere.
//
// Each schema is standalone (the definitions it refers to are copied in) and strict: objects
// with declared properties get additionalProperties false, so an unknown or misspelt field
// fails validation. Files are named as kubeconform's default layout expects:
// <kind>[-<group>]-<version>.json, all lower case, with <group> the first label of the API group.
//
//	go run . -swagger <swagger.json> -crd <crd.yaml> [-crd ...] -out <dir>
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"
)

type crdFlags []string

func (c *crdFlags) String() string     { return strings.Join(*c, ",") }
func (c *crdFlags) Set(v string) error { *c = append(*c, v); return nil }

const refPrefix = "#/definitions/"

var intOrString = map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}}
var quantity = map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "number"}}}

func main() {
	swagger := flag.String("swagger", "", "Kubernetes swagger.json (OpenAPI v2)")
	out := flag.String("out", "", "output folder")
	kinds := flag.String("kinds", "", "regular expression on <kind>-<group>-<version> file names to write (default: all)")
	var crds crdFlags
	flag.Var(&crds, "crd", "a CustomResourceDefinition YAML file (repeatable)")
	flag.Parse()
	if *swagger == "" || *out == "" {
		fail(fmt.Errorf("-swagger and -out are required"))
	}
	var only *regexp.Regexp
	if *kinds != "" {
		only = regexp.MustCompile(*kinds)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	written, err := writeKubernetes(*swagger, *out, only)
	if err != nil {
		fail(err)
	}
	for _, file := range crds {
		n, err := writeCRD(file, *out)
		if err != nil {
			fail(err)
		}
		written += n
	}
	fmt.Printf("schemagen: %d schemas in %s\n", written, *out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "schemagen:", err)
	os.Exit(1)
}

func fileName(kind, group, version string) string {
	name := strings.ToLower(kind)
	if group != "" {
		name += "-" + strings.ToLower(strings.Split(group, ".")[0])
	}
	return name + "-" + strings.ToLower(version) + ".json"
}

func writeKubernetes(path, out string, only *regexp.Regexp) (int, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var doc struct {
		Definitions map[string]map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	defs := map[string]any{}
	for name, def := range doc.Definitions {
		switch name {
		case "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
			defs[name] = intOrString
		case "io.k8s.apimachinery.pkg.api.resource.Quantity":
			defs[name] = quantity
		default:
			defs[name] = strict(def)
		}
	}
	written := 0
	for name, def := range doc.Definitions {
		gvks, _ := def["x-kubernetes-group-version-kind"].([]any)
		for _, entry := range gvks {
			gvk, _ := entry.(map[string]any)
			group, _ := gvk["group"].(string)
			version, _ := gvk["version"].(string)
			kind, _ := gvk["kind"].(string)
			if kind == "" || strings.HasSuffix(kind, "List") || kind == "Status" || kind == "WatchEvent" || kind == "DeleteOptions" {
				continue
			}
			file := fileName(kind, group, version)
			if only != nil && !only.MatchString(file) {
				continue
			}
			schema := withDefinitions(defs[name].(map[string]any), defs)
			if err := writeJSON(filepath.Join(out, file), schema); err != nil {
				return written, err
			}
			written++
		}
	}
	return written, nil
}

// withDefinitions copies a schema and adds the definitions it refers to, transitively.
func withDefinitions(schema map[string]any, defs map[string]any) map[string]any {
	used := map[string]any{}
	var walk func(node any)
	walk = func(node any) {
		switch value := node.(type) {
		case map[string]any:
			if ref, ok := value["$ref"].(string); ok && strings.HasPrefix(ref, refPrefix) {
				name := strings.TrimPrefix(ref, refPrefix)
				if _, seen := used[name]; !seen {
					used[name] = defs[name]
					walk(defs[name])
				}
			}
			for _, child := range value {
				walk(child)
			}
		case []any:
			for _, child := range value {
				walk(child)
			}
		}
	}
	walk(schema)
	copied := map[string]any{}
	for key, value := range schema {
		copied[key] = value
	}
	copied["$schema"] = "http://json-schema.org/draft-07/schema#"
	if len(used) > 0 {
		copied["definitions"] = used
	}
	return copied
}

func writeCRD(path, out string) (int, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var crd struct {
		Kind string `json:"kind"`
		Spec struct {
			Group string `json:"group"`
			Names struct {
				Kind string `json:"kind"`
			} `json:"names"`
			Versions []struct {
				Name   string `json:"name"`
				Schema struct {
					OpenAPIV3Schema map[string]any `json:"openAPIV3Schema"`
				} `json:"schema"`
			} `json:"versions"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(raw, &crd); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	if crd.Kind != "CustomResourceDefinition" {
		return 0, fmt.Errorf("%s: not a CustomResourceDefinition (kind %q)", path, crd.Kind)
	}
	written := 0
	for _, version := range crd.Spec.Versions {
		if version.Schema.OpenAPIV3Schema == nil {
			continue
		}
		schema := strict(version.Schema.OpenAPIV3Schema).(map[string]any)
		schema["$schema"] = "http://json-schema.org/draft-07/schema#"
		file := fileName(crd.Spec.Names.Kind, crd.Spec.Group, version.Name)
		if err := writeJSON(filepath.Join(out, file), schema); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

// strict returns a copy of an OpenAPI schema as a JSON schema that rejects unknown fields:
// int-or-string and quantity formats become a oneOf, and every object with properties and
// no additionalProperties of its own (and not marked to keep unknown fields) gets
// additionalProperties false.
func strict(node any) any {
	switch value := node.(type) {
	case map[string]any:
		if value["x-kubernetes-int-or-string"] == true || value["format"] == "int-or-string" {
			return intOrString
		}
		copied := map[string]any{}
		for key, child := range value {
			copied[key] = strict(child)
		}
		_, hasProperties := value["properties"]
		_, hasAdditional := value["additionalProperties"]
		if hasProperties && !hasAdditional && value["x-kubernetes-preserve-unknown-fields"] != true {
			copied["additionalProperties"] = false
		}
		return copied
	case []any:
		copied := make([]any, len(value))
		for i, child := range value {
			copied[i] = strict(child)
		}
		return copied
	default:
		return value
	}
}

func writeJSON(path string, value any) error {
	raw, err := json.Marshal(value)
	if err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o644)
}
