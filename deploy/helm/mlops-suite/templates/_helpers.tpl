{{/* Release-wide names and labels. */}}
{{- define "mlops.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mlops.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: mlops-suite
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ include "mlops.imageTag" . | quote }}
{{- end -}}

{{/* Labels that select the pods of one component: (dict "root" $ "component" "nlp"). */}}
{{- define "mlops.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "mlops.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{- define "mlops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mlops.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The six services: values key -> component name (the image and Service name). */}}
{{- define "mlops.components" -}}
featureStore: feature-store
documentRecognition: document-recognition
nlp: nlp
dlTrainer: dl-trainer
reporter: reporter
inference: inference
{{- end -}}

{{/* In-cluster base URL of a component: (dict "root" $ "key" "nlp"). */}}
{{- define "mlops.url" -}}
{{- $name := get (include "mlops.components" .root | fromYaml) .key -}}
{{- $values := get .root.Values .key -}}
{{- printf "http://%s-%s:%v" (include "mlops.fullname" .root) $name $values.port -}}
{{- end -}}

{{/* Name of a component's Secret: its existingSecret, else the one this chart writes. */}}
{{- define "mlops.secretName" -}}
{{- $values := get .root.Values .key -}}
{{- $name := get (include "mlops.components" .root | fromYaml) .key -}}
{{- default (printf "%s-%s" (include "mlops.fullname" .root) $name) $values.secret.existingSecret -}}
{{- end -}}

{{/* Whether a component stores data in MongoDB and talks to RabbitMQ. */}}
{{- define "mlops.connected" -}}
{{- if hasKey (get .root.Values .key) "mongoDb" }}true{{ end -}}
{{- end -}}

{{/* Seconds Kubernetes waits for a pod to stop: preStop sleep + SHUTDOWN_TIMEOUT_MS + margin. */}}
{{- define "mlops.terminationGrace" -}}
{{- $values := get .root.Values .key -}}
{{- $env := merge (dict) ($values.env | default dict) .root.Values.commonEnv -}}
{{- $shutdownMs := atoi (toString (get $env "SHUTDOWN_TIMEOUT_MS" | default "10000")) -}}
{{- add .root.Values.termination.preStopSleepSeconds (div (add $shutdownMs 999) 1000) .root.Values.termination.marginSeconds -}}
{{- end -}}

{{/*
The non-secret environment of a component: what the chart wires (ports, the other services'
URLs), then commonEnv, then the component's own env (later wins).
*/}}
{{- define "mlops.env" -}}
{{- $root := .root -}}
{{- $key := .key -}}
{{- $values := get $root.Values $key -}}
{{- $wired := dict "HOST" "0.0.0.0" "PORT" (toString $values.port) "APP_VERSION" (default (include "mlops.imageTag" $root) $root.Values.appVersion) -}}
{{- if ne $key "featureStore" -}}
{{- $_ := set $wired "FEATURE_STORE_URL" (include "mlops.url" (dict "root" $root "key" "featureStore")) -}}
{{- end -}}
{{- if hasKey $values "mongoDb" -}}
{{- $_ := set $wired "MONGO_DB" $values.mongoDb -}}
{{- end -}}
{{- if eq $key "featureStore" -}}
{{- $_ := set $wired "RECOGNITION_URL" (include "mlops.url" (dict "root" $root "key" "documentRecognition")) -}}
{{- $_ := set $wired "NLP_URL" (include "mlops.url" (dict "root" $root "key" "nlp")) -}}
{{- $_ := set $wired "INFERENCE_URL" (include "mlops.url" (dict "root" $root "key" "inference")) -}}
{{- else if eq $key "documentRecognition" -}}
{{- if $root.Values.gotenberg.enabled -}}
{{- $_ := set $wired "GOTENBERG_URL" (printf "http://%s-gotenberg:3000" (include "mlops.fullname" $root)) -}}
{{- end -}}
{{- else if eq $key "dlTrainer" -}}
{{- $_ := set $wired "REPORTER_URL" (include "mlops.url" (dict "root" $root "key" "reporter")) -}}
{{- $_ := set $wired "INFERENCE_URL" (include "mlops.url" (dict "root" $root "key" "inference")) -}}
{{- else if eq $key "reporter" -}}
{{- $_ := set $wired "REGISTRY_URL" (include "mlops.url" (dict "root" $root "key" "dlTrainer")) -}}
{{- $_ := set $wired "PUBLIC_URL" $values.publicUrl -}}
{{- $_ := set $wired "INFERENCE_URL" (include "mlops.url" (dict "root" $root "key" "inference")) -}}
{{- $_ := set $wired "NLP_URL" (include "mlops.url" (dict "root" $root "key" "nlp")) -}}
{{- else if eq $key "inference" -}}
{{- $_ := set $wired "REGISTRY_URL" (include "mlops.url" (dict "root" $root "key" "dlTrainer")) -}}
{{- $_ := set $wired "RECOGNITION_URL" (include "mlops.url" (dict "root" $root "key" "documentRecognition")) -}}
{{- $_ := set $wired "MODELS" (join "," $values.models) -}}
{{- $_ := set $wired "MODEL_CACHE_DIR" "/var/cache/mlops-models" -}}
{{- end -}}
{{- $env := mergeOverwrite $wired (deepCopy $root.Values.commonEnv) (deepCopy ($values.env | default dict)) -}}
{{- range $name := keys $env | sortAlpha }}
- name: {{ $name }}
  value: {{ get $env $name | toString | quote }}
{{- end }}
{{- end -}}
