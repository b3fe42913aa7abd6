using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class RoundTripTests
{
    // A pod template as users write them: most of it is not modelled, and some of it is newer than this code.
    private const string _replicaSetWithRichTemplate = """
        {
          "apiVersion": "apps/v1",
          "kind": "ReplicaSet",
          "futureTopLevel": {"x": 1},
          "metadata": {
            "name": "web-7d9f",
            "namespace": "prod",
            "uid": "u-1",
            "resourceVersion": "42",
            "generation": 3,
            "creationTimestamp": "2026-11-22T08:22:03Z",
            "labels": {"app": "web"},
            "annotations": {"rollout.canaryflow.io/revision": "4", "note": "a <b> & 'c' ü +/="},
            "ownerReferences": [{"apiVersion": "canaryflow.io/v1alpha1", "kind": "Rollout", "name": "web", "uid": "r-1", "controller": true, "blockOwnerDeletion": true}],
            "finalizers": ["canaryflow.io/cleanup"],
            "managedFields": [{"manager": "canaryflow", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-11-22T08:22:03Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}}}}],
            "futureMetadataField": "kept"
          },
          "spec": {
            "replicas": 3,
            "minReadySeconds": 10,
            "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
            "template": {
              "metadata": {"creationTimestamp": null, "labels": {"app": "web"}, "annotations": {"prometheus.io/scrape": "true"}},
              "spec": {
                "serviceAccountName": "web",
                "securityContext": {"runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}},
                "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}}]}},
                "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"}],
                "volumes": [{"name": "config", "configMap": {"name": "web-config", "defaultMode": 420}}, {"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}}],
                "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway"}],
                "futurePodField": {"enabled": true, "list": [1, 2.5, "three", null, false]},
                "initContainers": [{"name": "migrate", "image": "registry.example.com/migrate:4", "command": ["/migrate"], "args": ["--up"]}],
                "containers": [{
                  "name": "web",
                  "image": "registry.example.com/web:4",
                  "imagePullPolicy": "IfNotPresent",
                  "workingDir": "/srv",
                  "env": [
                    {"name": "MODE", "value": "prod"},
                    {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "web", "key": "token", "optional": false}}},
                    {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}
                  ],
                  "envFrom": [{"configMapRef": {"name": "web-env"}}],
                  "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP", "futurePortField": "x"}],
                  "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}, "claims": [{"name": "gpu"}]},
                  "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 5},
                  "volumeMounts": [{"name": "config", "mountPath": "/etc/web", "readOnly": true}],
                  "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
                  "futureContainerField": [{"a": {}}]
                }]
              }
            }
          },
          "status": {
            "replicas": 3,
            "readyReplicas": 2,
            "availableReplicas": 2,
            "fullyLabeledReplicas": 3,
            "observedGeneration": 3,
            "conditions": [{"type": "ReplicaFailure", "status": "False", "lastTransitionTime": "2026-11-22T08:22:03Z", "reason": "Ok", "futureConditionField": 7}],
            "futureStatusField": "kept"
          }
        }
        """;

    private const string _routeWithEverything = """
        {
          "apiVersion": "gateway.networking.k8s.io/v1",
          "kind": "HTTPRoute",
          "metadata": {
            "name": "web",
            "namespace": "prod",
            "resourceVersion": "77",
            "annotations": {"argocd.argoproj.io/sync-options": "ServerSideApply=true", "team": "payments"},
            "labels": {"app": "web"}
          },
          "spec": {
            "parentRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public", "namespace": "infra", "sectionName": "https"}],
            "hostnames": ["web.example.com", "www.example.com"],
            "rules": [
              {
                "name": "main",
                "matches": [{"path": {"type": "PathPrefix", "value": "/"}, "headers": [{"name": "x-canary", "value": "1"}]}],
                "filters": [{"type": "RequestHeaderModifier", "requestHeaderModifier": {"add": [{"name": "x-route", "value": "web"}]}}],
                "backendRefs": [
                  {"group": "", "kind": "Service", "name": "web-stable", "port": 80, "weight": 90},
                  {"name": "web-canary", "port": 80, "weight": 10, "filters": [{"type": "ResponseHeaderModifier", "responseHeaderModifier": {"set": [{"name": "x-canary", "value": "yes"}]}}]},
                  {"name": "web-mirror-sink", "namespace": "shadow", "port": 8080, "weight": 0}
                ],
                "timeouts": {"request": "10s", "backendRequest": "2s"},
                "sessionPersistence": {"sessionName": "s", "type": "Cookie"}
              },
              {
                "matches": [{"path": {"type": "Exact", "value": "/admin"}}],
                "filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": "https", "statusCode": 301}}]
              }
            ],
            "futureSpecField": true
          },
          "status": {
            "parents": [{"parentRef": {"name": "public", "namespace": "infra"}, "controllerName": "example.com/gateway", "conditions": [{"type": "Accepted", "status": "True", "lastTransitionTime": "2026-11-22T08:00:00Z", "reason": "Accepted", "message": "", "observedGeneration": 2}]}]
          }
        }
        """;

    public static TheoryData<string, Func<string, string>> TranscriptBodies_and_their_kinds() => new()
    {
        { nameof(RecordedExchanges.ReplicaSetResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<ReplicaSet>(json)) },
        { nameof(RecordedExchanges.ReplicaSetInvalid), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Status>(json)) },
        { nameof(RecordedExchanges.ServiceResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Service>(json)) },
        { nameof(RecordedExchanges.LeaseResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Lease>(json)) },
        { nameof(RecordedExchanges.EventsEventResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Event>(json)) },
        { nameof(RecordedExchanges.CoreEventResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<CoreEvent>(json)) },
        { nameof(RecordedExchanges.NamespaceResponse), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Namespace>(json)) },
        { nameof(RecordedExchanges.AlreadyExists), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Status>(json)) },
        { nameof(RecordedExchanges.WidgetInvalid), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<Status>(json)) },
        { nameof(RecordedExchanges.WidgetList), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<KubernetesList<UnstructuredObject>>(json)) },
        { nameof(RecordedExchanges.WidgetDeleting), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<UnstructuredObject>(json)) },
        { nameof(RecordedExchanges.WatchExpired), json => KubernetesSerializer.Serialize(KubernetesSerializer.Deserialize<WatchEvent>(json)) },
    };

    [Theory]
    [MemberData(nameof(TranscriptBodies_and_their_kinds))]
    public void Transcript_bodies_round_trip_unchanged(string name, Func<string, string> roundTrip)
    {
        var body = (string)typeof(RecordedExchanges).GetField(name)!.GetRawConstantValue()!;

        JsonAssert.Equivalent(body, roundTrip(body));
    }

    [Fact]
    public void Replica_set_keeps_every_template_field_it_does_not_model()
    {
        var replicaSet = KubernetesSerializer.Deserialize<ReplicaSet>(_replicaSetWithRichTemplate);

        JsonAssert.Equivalent(_replicaSetWithRichTemplate, KubernetesSerializer.Serialize(replicaSet));
    }

    [Fact]
    public void Replica_set_changed_with_with_keeps_the_rest_of_the_template()
    {
        var replicaSet = KubernetesSerializer.Deserialize<ReplicaSet>(_replicaSetWithRichTemplate);
        var template = replicaSet.Spec!.Template!;
        var container = template.Spec!.Containers![0];

        var changed = replicaSet with
        {
            Spec = replicaSet.Spec with
            {
                Replicas = 5,
                Template = template with
                {
                    Spec = template.Spec with { Containers = [container with { Image = "registry.example.com/web:5" }] },
                },
            },
        };

        var expected = JsonNode.Parse(_replicaSetWithRichTemplate)!;
        expected["spec"]!["replicas"] = 5;
        expected["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "registry.example.com/web:5";
        JsonAssert.Equivalent(expected.ToJsonString(), KubernetesSerializer.Serialize(changed));
        Assert.Equal("registry.example.com/web:4", replicaSet.Spec!.Template!.Spec!.Containers![0].Image);
    }

    [Fact]
    public void Replica_set_template_reads_the_modelled_fields()
    {
        var replicaSet = KubernetesSerializer.Deserialize<ReplicaSet>(_replicaSetWithRichTemplate);
        var podSpec = replicaSet.Spec!.Template!.Spec!;
        var container = podSpec.Containers![0];

        Assert.Equal("web", podSpec.ServiceAccountName);
        Assert.Equal("migrate", Assert.Single(podSpec.InitContainers!).Name);
        Assert.Equal(["MODE", "TOKEN", "POD_IP"], container.Env!.Select(e => e.Name));
        Assert.Equal("prod", container.Env![0].Value);
        Assert.Equal("web", container.Env[1].ValueFrom!.Value.GetProperty("secretKeyRef").GetProperty("name").GetString());
        Assert.Equal(8080, container.Ports![0].Port);
        Assert.Equal(new Quantity("500m"), container.Resources!.Limits!["cpu"]);
        Assert.Equal("128Mi", container.Resources.Requests!["memory"].Text);
        Assert.Equal("In", replicaSet.Spec.Selector!.MatchExpressions![0].Operator);
        Assert.True(replicaSet.Metadata.OwnerReferences![0].Controller);
        Assert.Equal("Ok", replicaSet.Status!.Conditions![0].Reason);
        Assert.Equal(3, replicaSet.Status.ObservedGeneration);
    }

    [Fact]
    public void Http_route_weight_change_keeps_every_other_field()
    {
        var route = KubernetesSerializer.Deserialize<HttpRoute>(_routeWithEverything);
        var rule = route.Spec!.Rules![0];

        var changed = route with
        {
            Spec = route.Spec with
            {
                Rules =
                [
                    rule with
                    {
                        BackendRefs = [.. rule.BackendRefs!.Select(b => b.Name == "web-canary" ? b with { Weight = 30 } : b)],
                    },
                    .. route.Spec.Rules.Skip(1),
                ],
            },
        };

        var expected = JsonNode.Parse(_routeWithEverything)!;
        expected["spec"]!["rules"]![0]!["backendRefs"]![1]!["weight"] = 30;
        JsonAssert.Equivalent(expected.ToJsonString(), KubernetesSerializer.Serialize(changed));
    }

    [Fact]
    public void Http_route_reads_parents_hostnames_and_backends()
    {
        var route = KubernetesSerializer.Deserialize<HttpRoute>(_routeWithEverything);

        Assert.Equal("HTTPRoute", route.Kind);
        Assert.Equal("payments", route.Metadata.Annotations!["team"]);
        var parent = Assert.Single(route.Spec!.ParentRefs!);
        Assert.Equal(("Gateway", "public", "infra", "https"), (parent.Kind, parent.Name, parent.Namespace, parent.SectionName));
        Assert.Equal(["web.example.com", "www.example.com"], route.Spec.Hostnames!);
        var backends = route.Spec.Rules![0].BackendRefs!;
        Assert.Equal([90, 10, 0], backends.Select(b => b.Weight!.Value));
        Assert.Equal("", backends[0].Group);
        Assert.Equal("Service", backends[0].Kind);
        Assert.Equal("shadow", backends[2].Namespace);
        Assert.Equal(8080, backends[2].Port);
        Assert.True(backends[1].ExtensionData!.ContainsKey("filters"));
        Assert.Single(route.Spec.Rules[0].Matches!);
        Assert.Null(route.Spec.Rules[1].BackendRefs);
    }

    [Fact]
    public void Ingress_annotation_change_keeps_rules_tls_and_status()
    {
        const string ingressJson = """
            {
              "apiVersion": "networking.k8s.io/v1",
              "kind": "Ingress",
              "metadata": {"name": "web-canary", "namespace": "prod", "annotations": {"nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "10"}},
              "spec": {
                "ingressClassName": "nginx",
                "defaultBackend": {"resource": {"apiGroup": "k8s.example.com", "kind": "StorageBucket", "name": "static"}},
                "tls": [{"hosts": ["web.example.com"], "secretName": "web-tls"}],
                "rules": [{"host": "web.example.com", "http": {"paths": [
                  {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web-canary", "port": {"number": 80}}}},
                  {"path": "/api", "pathType": "Exact", "backend": {"service": {"name": "api", "port": {"name": "http"}}}}
                ]}}]
              },
              "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}]}}
            }
            """;
        var ingress = KubernetesSerializer.Deserialize<Ingress>(ingressJson);
        var annotations = new Dictionary<string, string>(ingress.Metadata.Annotations!)
        {
            ["nginx.ingress.kubernetes.io/canary-weight"] = "40",
        };

        var changed = ingress with { Metadata = ingress.Metadata with { Annotations = annotations } };

        var paths = ingress.Spec!.Rules![0].Http!.Paths!;
        Assert.Equal(80, paths[0].Backend!.Service!.Port!.Number);
        Assert.Equal("http", paths[1].Backend!.Service!.Port!.Name);
        Assert.Equal("web-tls", ingress.Spec.Tls![0].SecretName);
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Null(ingress.Spec.DefaultBackend!.Service);
        var expected = JsonNode.Parse(ingressJson)!;
        expected["metadata"]!["annotations"]!["nginx.ingress.kubernetes.io/canary-weight"] = "40";
        JsonAssert.Equivalent(expected.ToJsonString(), KubernetesSerializer.Serialize(changed));
    }

    [Fact]
    public void Pod_status_reads_and_round_trips()
    {
        const string podJson = """
            {
              "apiVersion": "v1", "kind": "Pod",
              "metadata": {"name": "web-7d9f-x", "namespace": "prod"},
              "spec": {"nodeName": "n1", "containers": [{"name": "web", "image": "web:4"}]},
              "status": {
                "phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.1.0.5", "podIPs": [{"ip": "10.1.0.5"}],
                "startTime": "2026-11-22T08:00:00Z", "qosClass": "Burstable",
                "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-22T08:00:10Z"}],
                "containerStatuses": [{"name": "web", "ready": true, "started": true, "restartCount": 2, "image": "web:4", "imageID": "docker-pullable://web@sha256:ab", "containerID": "containerd://c1", "state": {"running": {"startedAt": "2026-11-22T08:00:05Z"}}, "lastState": {}}]
              }
            }
            """;

        var pod = KubernetesSerializer.Deserialize<Pod>(podJson);

        Assert.Equal("n1", pod.Spec!.NodeName);
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal("10.1.0.5", pod.Status.PodIP);
        Assert.Equal("10.0.0.1", pod.Status.HostIP);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 10, TimeSpan.Zero), pod.Status.Conditions![0].LastTransitionTime);
        Assert.Null(pod.Status.Conditions[0].LastProbeTime);
        var containerStatus = Assert.Single(pod.Status.ContainerStatuses!);
        Assert.Equal((true, true, 2), (containerStatus.Ready!.Value, containerStatus.Started!.Value, containerStatus.RestartCount!.Value));
        Assert.Equal("containerd://c1", containerStatus.ContainerId);
        Assert.Equal("docker-pullable://web@sha256:ab", containerStatus.ImageId);
        JsonAssert.Equivalent(podJson, KubernetesSerializer.Serialize(pod));
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire()
    {
        const string secretJson = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"Opaque","data":{"token":"aGk+Pz8/","empty":""}}""";

        var secret = KubernetesSerializer.Deserialize<Secret>(secretJson);

        Assert.Equal("hi>???"u8.ToArray(), secret.Data!["token"]);
        Assert.Empty(secret.Data["empty"]);
        Assert.Equal("Opaque", secret.Type);
        JsonAssert.Equivalent(secretJson, KubernetesSerializer.Serialize(secret));
        var written = new Secret { Metadata = new() { Name = "n" }, StringData = new Dictionary<string, string> { ["k"] = "v" } };
        Assert.Equal("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"n"},"stringData":{"k":"v"}}""", KubernetesSerializer.Serialize(written));
    }

    [Fact]
    public void Config_map_round_trips_text_and_binary_data()
    {
        const string configMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a.yaml":"x: 1\n"},"binaryData":{"b":"AAEC"},"immutable":true}""";

        var configMap = KubernetesSerializer.Deserialize<ConfigMap>(configMapJson);

        Assert.Equal("x: 1\n", configMap.Data!["a.yaml"]);
        Assert.Equal(new byte[] { 0, 1, 2 }, configMap.BinaryData!["b"]);
        Assert.Equal(configMapJson, KubernetesSerializer.Serialize(configMap));
    }

    [Fact]
    public void Custom_resource_definition_keeps_schema_and_reads_names_and_status()
    {
        const string crdJson = """
            {
              "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
              "metadata": {"name": "widgets.bars.example.com"},
              "spec": {
                "group": "bars.example.com", "scope": "Namespaced",
                "names": {"plural": "widgets", "singular": "widget", "shortNames": ["wg"], "kind": "Widget", "listKind": "WidgetList"},
                "conversion": {"strategy": "None"},
                "versions": [{
                  "name": "v1", "served": true, "storage": true,
                  "subresources": {"status": {}},
                  "additionalPrinterColumns": [{"name": "Size", "type": "integer", "jsonPath": ".spec.size"}],
                  "selectableFields": [{"jsonPath": ".spec.color"}],
                  "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object", "required": ["size"], "x-kubernetes-preserve-unknown-fields": true, "properties": {"size": {"type": "integer", "minimum": 1, "maximum": 10}, "color": {"type": "string", "enum": ["red", "green"], "default": "green"}}}}}}
                }]
              },
              "status": {
                "conditions": [{"type": "Established", "status": "True", "lastTransitionTime": "2026-11-22T08:20:49Z", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted"}],
                "acceptedNames": {"plural": "widgets", "singular": "widget", "shortNames": ["wg"], "kind": "Widget", "listKind": "WidgetList"},
                "storedVersions": ["v1"]
              }
            }
            """;

        var crd = KubernetesSerializer.Deserialize<CustomResourceDefinition>(crdJson);

        var version = Assert.Single(crd.Spec!.Versions!);
        Assert.Equal(("v1", true, true), (version.Name, version.Served!.Value, version.Storage!.Value));
        Assert.Equal("object", version.Schema!.OpenApiV3Schema!.Value.GetProperty("type").GetString());
        Assert.Equal("WidgetList", crd.Spec.Names!.ListKind);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        Assert.Equal("Established", crd.Status!.Conditions![0].Type);
        Assert.Equal("Widget", crd.Status.AcceptedNames!.Kind);
        Assert.Equal(["v1"], crd.Status.StoredVersions!);
        JsonAssert.Equivalent(crdJson, KubernetesSerializer.Serialize(crd));
    }

    [Fact]
    public void Delete_options_write_preconditions_and_propagation()
    {
        var options = new DeleteOptions
        {
            PropagationPolicy = "Foreground",
            Preconditions = new() { Uid = "u-1", ResourceVersion = "42" },
            DryRun = ["All"],
        };

        Assert.Equal(
            """{"apiVersion":"v1","kind":"DeleteOptions","preconditions":{"uid":"u-1","resourceVersion":"42"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            KubernetesSerializer.Serialize(options));
    }

    [Fact]
    public void New_objects_write_their_kind_and_leave_unset_fields_out()
    {
        var lease = new Lease
        {
            Metadata = new() { Name = "canaryflow-leader", Namespace = "canaryflow-system" },
            Spec = new()
            {
                HolderIdentity = "pod-a_1",
                LeaseDurationSeconds = 15,
                AcquireTime = new DateTimeOffset(2026, 8, 21, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560),
                RenewTime = new DateTimeOffset(2026, 8, 21, 10, 5, 2, TimeSpan.Zero),
                LeaseTransitions = 3,
            },
        };

        Assert.Equal(
            """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"canaryflow-leader","namespace":"canaryflow-system"},"spec":{"holderIdentity":"pod-a_1","leaseDurationSeconds":15,"acquireTime":"2026-08-21T10:00:00.123456Z","renewTime":"2026-08-21T10:05:02.000000Z","leaseTransitions":3}}""",
            KubernetesSerializer.Serialize(lease));
    }

    [Fact]
    public void Event_written_for_create_has_the_wire_names()
    {
        var ev = new Event
        {
            Metadata = new() { Name = "web.18a2b3c4d5e6f708", Namespace = "prod" },
            EventTime = new DateTimeOffset(2026, 8, 21, 10, 5, 0, TimeSpan.Zero),
            ReportingController = "canaryflow.io/canaryflow",
            ReportingInstance = "canaryflow-7d9f-abcde",
            Action = "Promote",
            Reason = "WeightIncreased",
            Note = "Canary weight set to 20%",
            Type = "Normal",
            Regarding = new() { ApiVersion = "canaryflow.io/v1alpha1", Kind = "Rollout", Name = "web", Namespace = "prod", Uid = "6f0c" },
            Series = new() { Count = 2, LastObservedTime = new DateTimeOffset(2026, 8, 21, 10, 6, 0, TimeSpan.Zero) },
        };

        JsonAssert.Equivalent(
            """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.18a2b3c4d5e6f708","namespace":"prod"},
             "eventTime":"2026-08-21T10:05:00.000000Z","series":{"count":2,"lastObservedTime":"2026-08-21T10:06:00.000000Z"},
             "reportingController":"canaryflow.io/canaryflow","reportingInstance":"canaryflow-7d9f-abcde",
             "action":"Promote","reason":"WeightIncreased","note":"Canary weight set to 20%","type":"Normal",
             "regarding":{"apiVersion":"canaryflow.io/v1alpha1","kind":"Rollout","name":"web","namespace":"prod","uid":"6f0c"}}
            """,
            KubernetesSerializer.Serialize(ev));
    }
}
