using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Tests.Hashing;

/// <summary>Realistic pod templates as users write them in a Rollout's <c>spec.template</c> (JSON, as the API
/// server returns it).</summary>
internal static class PodTemplates
{
    public const string OneContainer = """
        {
          "metadata": {"labels": {"app": "api"}},
          "spec": {"containers": [{"name": "api", "image": "registry.example.com/shop/api:1.4.2"}]}
        }
        """;

    public const string Full = """
        {
          "metadata": {
            "labels": {"app": "api", "tier": "backend"},
            "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9090"}
          },
          "spec": {
            "serviceAccountName": "api",
            "terminationGracePeriodSeconds": 30,
            "containers": [
              {
                "name": "api",
                "image": "registry.example.com/shop/api:1.4.2",
                "args": ["--listen=:8080", "--metrics=:9090"],
                "env": [
                  {"name": "LOG_LEVEL", "value": "info"},
                  {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "api-db", "key": "password"}}}
                ],
                "ports": [
                  {"name": "http", "containerPort": 8080, "protocol": "TCP"},
                  {"name": "metrics", "containerPort": 9090}
                ],
                "resources": {
                  "requests": {"cpu": "250m", "memory": "256Mi"},
                  "limits": {"cpu": "1", "memory": "512Mi"}
                },
                "readinessProbe": {"httpGet": {"path": "/healthz/ready", "port": "http"}, "periodSeconds": 5, "failureThreshold": 3},
                "livenessProbe": {"httpGet": {"path": "/healthz/live", "port": 8080}, "initialDelaySeconds": 10, "timeoutSeconds": 2}
              }
            ]
          }
        }
        """;

    /// <summary><see cref="Full"/> with every object's keys in another order and other whitespace.</summary>
    public const string FullShuffled = """
        {"spec":{"containers":[{"livenessProbe":{"timeoutSeconds":2,"initialDelaySeconds":10,"httpGet":{"port":8080,"path":"/healthz/live"}},
        "readinessProbe":{"failureThreshold":3,"periodSeconds":5,"httpGet":{"port":"http","path":"/healthz/ready"}},
        "resources":{"limits":{"memory":"512Mi","cpu":"1"},"requests":{"memory":"256Mi","cpu":"250m"}},
        "ports":[{"protocol":"TCP","containerPort":8080,"name":"http"},{"containerPort":9090,"name":"metrics"}],
        "env":[{"value":"info","name":"LOG_LEVEL"},{"valueFrom":{"secretKeyRef":{"key":"password","name":"api-db"}},"name":"DB_PASSWORD"}],
        "args":["--listen=:8080","--metrics=:9090"],"image":"registry.example.com/shop/api:1.4.2","name":"api"}],
        "terminationGracePeriodSeconds":30,"serviceAccountName":"api"},
        "metadata":{"annotations":{"prometheus.io/port":"9090","prometheus.io/scrape":"true"},"labels":{"tier":"backend","app":"api"}}}
        """;

    public const string WithVolumes = """
        {
          "metadata": {"labels": {"app": "worker"}},
          "spec": {
            "containers": [
              {
                "name": "worker",
                "image": "registry.example.com/shop/worker@sha256:4f7a1c2e9b0d3a6f5e8c7b1a2d4e6f8091a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0",
                "volumeMounts": [
                  {"name": "config", "mountPath": "/etc/worker", "readOnly": true},
                  {"name": "scratch", "mountPath": "/tmp"}
                ]
              }
            ],
            "volumes": [
              {"name": "config", "configMap": {"name": "worker-config", "defaultMode": 420}},
              {"name": "scratch", "emptyDir": {}},
              {"name": "tls", "secret": {"secretName": "worker-tls", "optional": false}}
            ]
          }
        }
        """;

    /// <summary>Numbers written with a fraction: to Kubernetes 30.0 is the integer 30.</summary>
    public const string DecimalNumbers = """
        {
          "metadata": {"labels": {"app": "api"}},
          "spec": {
            "terminationGracePeriodSeconds": 30.0,
            "containers": [
              {
                "name": "api",
                "image": "registry.example.com/shop/api:1.4.2",
                "ports": [{"containerPort": 8.08e3}],
                "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 5.00}
              }
            ]
          }
        }
        """;

    public const string IntegerNumbers = """
        {
          "metadata": {"labels": {"app": "api"}},
          "spec": {
            "terminationGracePeriodSeconds": 30,
            "containers": [
              {
                "name": "api",
                "image": "registry.example.com/shop/api:1.4.2",
                "ports": [{"containerPort": 8080}],
                "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 5}
              }
            ]
          }
        }
        """;

    /// <summary><see cref="OneContainer"/> as Go clients write it: a zero time as <c>creationTimestamp: null</c>.</summary>
    public const string OneContainerWithCreationTimestamp = """
        {
          "metadata": {"creationTimestamp": null, "labels": {"app": "api"}},
          "spec": {"containers": [{"name": "api", "image": "registry.example.com/shop/api:1.4.2"}]}
        }
        """;

    /// <summary>A field this controller has never heard of (a future pod API), preserved and hashed as written.</summary>
    public const string UnknownFutureField = """
        {
          "metadata": {"labels": {"app": "api"}},
          "spec": {
            "containers": [{"name": "api", "image": "registry.example.com/shop/api:1.4.2", "restartPolicyRules": [{"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}]}],
            "hostnameOverride": "api-canary",
            "resourceClaims": [{"name": "gpu", "resourceClaimTemplateName": "one-gpu"}]
          }
        }
        """;

    public const string InitContainersAndScheduling = """
        {
          "metadata": {"labels": {"app": "checkout", "version": "2024.11"}},
          "spec": {
            "initContainers": [{"name": "migrate", "image": "registry.example.com/shop/checkout-migrate:7.2.0", "command": ["/migrate", "up"]}],
            "containers": [
              {"name": "checkout", "image": "registry.example.com/shop/checkout:7.2.0", "securityContext": {"runAsNonRoot": true, "runAsUser": 10001, "allowPrivilegeEscalation": false}},
              {"name": "envoy", "image": "envoyproxy/envoy:v1.31.2", "resources": {"requests": {"cpu": "0.1", "memory": "64Mi"}}}
            ],
            "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
              {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "checkout"}}}}
            ]}},
            "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "shop", "effect": "NoSchedule"}],
            "nodeSelector": {"kubernetes.io/arch": "amd64"}
          }
        }
        """;

    /// <summary>Strings that need escaping, and text outside ASCII.</summary>
    public const string EscapedStrings = """
        {
          "metadata": {"labels": {"app": "greeter"}, "annotations": {"description": "Says \"héllo\" <to> you & \u00e9veryone\n\ttabbed", "emoji": "🚀"}},
          "spec": {"containers": [{"name": "greeter", "image": "registry.example.com/greeter:2", "env": [{"name": "GREETING", "value": "Grüß Gott, 世界\\"}]}]}
        }
        """;

    public const string NoMetadata = """
        {"spec": {"containers": [{"name": "api", "image": "registry.example.com/shop/api:1.4.2"}]}}
        """;

    public const string EmptyMetadata = """
        {"metadata": {}, "spec": {"containers": [{"name": "api", "image": "registry.example.com/shop/api:1.4.2"}]}}
        """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
