{{/* Chart name, release-qualified full name, labels. */}}
{{- define "microlend.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "microlend.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "microlend.selectorLabels" -}}
app.kubernetes.io/name: {{ include "microlend.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "microlend.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "microlend.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: microlend
{{- end }}

{{- define "microlend.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "microlend.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "microlend.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The settings as a map of env name -> string, for the ConfigMap and the migration Job. */}}
{{- define "microlend.settings" -}}
NODE_ENV: "production"
PORT: {{ .Values.api.port | toString | quote }}
{{- if .Values.tenants.configMap }}
TENANTS_DIR: "/etc/microlend/tenants"
{{- end }}
{{- range $key, $value := .Values.config }}
{{- if not (kindIs "invalid" $value) }}
{{- if ne (toString $value) "" }}
{{ $key }}: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* One secretKeyRef env entry: (list name secret key). */}}
{{- define "microlend.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 | quote }}
      key: {{ index . 2 | quote }}
{{- end }}

{{/*
Every secret a process needs, as secretKeyRef env entries; nothing secret is inline.
Argument: (list $ "api"|"worker"|"migrate"). The migration Job gets no Redis or Stripe: it uses neither.
*/}}
{{- define "microlend.secretEnvs" -}}
{{- $root := index . 0 }}
{{- $forJob := eq (index . 1) "migrate" }}
{{- $s := $root.Values.secrets }}
{{- $db := default $s.existingSecret $s.database.existingSecret }}
{{- if not $db }}{{ fail "secrets.database.existingSecret (or secrets.existingSecret) must name an existing Secret" }}{{ end }}
{{- /* The owner's URL goes only where it is needed: the migration Job, queues on PostgreSQL (the owner
       creates their schema), or an app URL derived from it. API and worker pods otherwise hold the app role only. */}}
{{- if or $forJob (not $s.redis.enabled) (not $s.database.appUrlKey) }}
{{ include "microlend.secretEnv" (list "DATABASE_URL" $db (required "secrets.database.ownerUrlKey is required" $s.database.ownerUrlKey)) }}
{{- end }}
{{- if $s.database.appUrlKey }}
{{ include "microlend.secretEnv" (list "APP_DATABASE_URL" $db $s.database.appUrlKey) }}
{{- else }}
{{ include "microlend.secretEnv" (list "APP_DB_PASSWORD" $db (required "secrets.database.appPasswordKey is required when appUrlKey is empty" $s.database.appPasswordKey)) }}
{{- end }}
{{- if and $s.redis.enabled (not $forJob) }}
{{ include "microlend.secretEnv" (list "REDIS_URL" (required "secrets.redis.existingSecret (or secrets.existingSecret) is required" (default $s.existingSecret $s.redis.existingSecret)) $s.redis.urlKey) }}
{{- end }}
{{ include "microlend.secretEnv" (list "MASTER_KEY" (required "secrets.masterKey.existingSecret (or secrets.existingSecret) is required" (default $s.existingSecret $s.masterKey.existingSecret)) $s.masterKey.key) }}
{{- if and $s.masterKey.previousKey (not $forJob) }}
{{ include "microlend.secretEnv" (list "MASTER_KEY_PREVIOUS" (default $s.existingSecret $s.masterKey.existingSecret) $s.masterKey.previousKey) }}
{{- end }}
{{ include "microlend.secretEnv" (list "JWT_SECRET" (required "secrets.jwt.existingSecret (or secrets.existingSecret) is required" (default $s.existingSecret $s.jwt.existingSecret)) $s.jwt.key) }}
{{- if and $s.stripe.enabled (not $forJob) }}
{{ include "microlend.secretEnv" (list "STRIPE_PLATFORM_SECRET_KEY" (required "secrets.stripe.existingSecret (or secrets.existingSecret) is required" (default $s.existingSecret $s.stripe.existingSecret)) $s.stripe.platformSecretKeyKey) }}
{{- end }}
{{- end }}

{{/* Volumes shared by every pod: the writable /tmp, and the tenants ConfigMap when given. */}}
{{- define "microlend.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if .Values.tenants.configMap }}
- name: tenants
  configMap:
    name: {{ .Values.tenants.configMap }}
{{- end }}
{{- end }}

{{- define "microlend.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.tenants.configMap }}
- name: tenants
  mountPath: /etc/microlend/tenants
  readOnly: true
{{- end }}
{{- end }}
