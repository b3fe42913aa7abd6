namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>Typical objects as kubectl sends them and as controllers write them, using many optional fields.</summary>
internal static class ManifestBodies
{
    public const string Deployment = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "tx", "creationTimestamp": null, "labels": {"app": "web"},
            "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "10%"}},
            "minReadySeconds": 5,
            "revisionHistoryLimit": 2,
            "progressDeadlineSeconds": 120,
            "template": {
              "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
              "spec": {
                "serviceAccountName": "web",
                "securityContext": {"runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"},
                  "sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65000"}]},
                "initContainers": [{"name": "migrate", "image": "web:1.0", "command": ["/migrate"], "restartPolicy": "Always"}],
                "containers": [{
                  "name": "web",
                  "image": "registry.example.com/web:1.0",
                  "args": ["--port=8080"],
                  "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                  "env": [
                    {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                    {"name": "LIMIT", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory", "divisor": "1Mi"}}},
                    {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "mode", "optional": true}}},
                    {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "token"}}}
                  ],
                  "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "sec", "optional": true}}],
                  "resources": {"limits": {"cpu": 0.5, "memory": "128Mi"}, "requests": {"cpu": "100m", "memory": 64000000}},
                  "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}],
                  "volumeMounts": [{"name": "data", "mountPath": "/data", "readOnly": true, "recursiveReadOnly": "IfPossible"}],
                  "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "httpHeaders": [{"name": "X", "value": "y"}]}, "initialDelaySeconds": 3},
                  "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 5},
                  "startupProbe": {"grpc": {"port": 9090}, "failureThreshold": 30},
                  "lifecycle": {"preStop": {"sleep": {"seconds": 5}}, "postStart": {"exec": {"command": ["true"]}}},
                  "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                    "capabilities": {"drop": ["ALL"]}, "appArmorProfile": {"type": "RuntimeDefault"}},
                  "imagePullPolicy": "IfNotPresent"
                }],
                "volumes": [
                  {"name": "data", "emptyDir": {"medium": "Memory", "sizeLimit": "1Gi"}},
                  {"name": "cfg", "configMap": {"name": "cfg", "items": [{"key": "a", "path": "a.txt", "mode": 256}]}},
                  {"name": "sec", "secret": {"secretName": "sec", "defaultMode": 256}},
                  {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
                  {"name": "claim", "persistentVolumeClaim": {"claimName": "pvc"}},
                  {"name": "nfs", "nfs": {"server": "nfs.example.com", "path": "/exports"}},
                  {"name": "csi", "csi": {"driver": "secrets-store.csi.k8s.io", "volumeAttributes": {"a": "b"}}},
                  {"name": "img", "image": {"reference": "example.com/data:1", "pullPolicy": "IfNotPresent"}},
                  {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                  {"name": "proj", "projected": {"sources": [
                    {"serviceAccountToken": {"audience": "vault", "expirationSeconds": 600, "path": "token"}},
                    {"configMap": {"name": "cfg"}}, {"secret": {"name": "sec"}},
                    {"downwardAPI": {"items": [{"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}]}},
                    {"clusterTrustBundle": {"signerName": "example.com/signer", "labelSelector": {}, "path": "ca.pem"}}]}},
                  {"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"metadata": {"labels": {"a": "b"}},
                    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "fast"}}}}
                ],
                "affinity": {
                  "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                    {"matchExpressions": [{"key": "kubernetes.io/os", "operator": "In", "values": ["linux"]}]}]}},
                  "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {
                    "labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname", "matchLabelKeys": ["pod-template-hash"]}}]}
                },
                "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"}],
                "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
                  "labelSelector": {"matchLabels": {"app": "web"}}, "nodeTaintsPolicy": "Honor"}],
                "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["db"]}],
                "dnsConfig": {"nameservers": ["1.1.1.1"], "options": [{"name": "ndots", "value": "2"}]},
                "readinessGates": [{"conditionType": "example.com/ready"}],
                "imagePullSecrets": [{"name": "regcred"}],
                "os": {"name": "linux"},
                "schedulingGates": [{"name": "example.com/gate"}],
                "priorityClassName": "high",
                "terminationGracePeriodSeconds": 45
              }
            }
          },
          "status": {}
        }
        """;

    public const string PodWithStatus = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web-abc123-x1", "namespace": "tx", "generateName": "web-abc123-",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-abc123", "uid": "e2f3d34c",
              "controller": true, "blockOwnerDeletion": true}]},
          "spec": {"containers": [{"name": "web", "image": "web:1.0"}], "nodeName": "node-1", "enableServiceLinks": true,
            "ephemeralContainers": [{"name": "debug", "image": "busybox", "targetContainerName": "web", "stdin": true, "tty": true}]},
          "status": {
            "phase": "Running",
            "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-22T08:22:03Z"}],
            "hostIP": "10.0.0.5", "hostIPs": [{"ip": "10.0.0.5"}],
            "podIP": "10.244.0.7", "podIPs": [{"ip": "10.244.0.7"}],
            "startTime": "2026-11-22T08:22:03Z",
            "containerStatuses": [{
              "name": "web", "state": {"running": {"startedAt": "2026-11-22T08:22:04Z"}},
              "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": null, "finishedAt": null}},
              "ready": true, "restartCount": 1, "image": "web:1.0", "imageID": "sha256:abc", "containerID": "containerd://1",
              "started": true, "allocatedResources": {"cpu": "100m"}, "resources": {"requests": {"cpu": "100m"}},
              "volumeMounts": [{"name": "kube-api-access", "mountPath": "/var/run/secrets", "readOnly": true, "recursiveReadOnly": "Disabled"}],
              "user": {"linux": {"uid": 1000, "gid": 1000, "supplementalGroups": [1000]}}
            }],
            "qosClass": "Burstable"
          }
        }
        """;

    public const string Ingress = """
        {
          "apiVersion": "networking.k8s.io/v1",
          "kind": "Ingress",
          "metadata": {"name": "web", "namespace": "tx"},
          "spec": {
            "ingressClassName": "nginx",
            "defaultBackend": {"resource": {"apiGroup": "example.com", "kind": "Bucket", "name": "static"}},
            "tls": [{"hosts": ["web.example.com"], "secretName": "web-tls"}],
            "rules": [{"host": "web.example.com", "http": {"paths": [
              {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}},
              {"path": "/api", "pathType": "Exact", "backend": {"service": {"name": "api", "port": {"name": "http"}}}}]}}]
          },
          "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.1", "ports": [{"port": 443, "protocol": "TCP"}]}]}}
        }
        """;
}
