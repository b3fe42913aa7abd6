using System.Text.Json;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class TranscriptDeserializationTests
{
    [Fact]
    public void ReplicaSet_create_response_reads_metadata_spec_template_and_status()
    {
        var replicaSet = KubernetesSerializer.Deserialize<ReplicaSet>(RecordedExchanges.ReplicaSetResponse);

        Assert.Equal("apps/v1", replicaSet.ApiVersion);
        Assert.Equal("ReplicaSet", replicaSet.Kind);
        Assert.Equal("web-abc123", replicaSet.Metadata.Name);
        Assert.Equal("tx", replicaSet.Metadata.Namespace);
        Assert.Equal("e2f3d34c-e235-4914-a64a-6f12825f9ac3", replicaSet.Metadata.Uid);
        Assert.Equal("501", replicaSet.Metadata.ResourceVersion);
        Assert.Equal(1, replicaSet.Metadata.Generation);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 22, 3, TimeSpan.Zero), replicaSet.Metadata.CreationTimestamp);
        Assert.Equal("abc123", replicaSet.Metadata.Labels!["rollouts-pod-template-hash"]);
        Assert.Equal(JsonValueKind.Array, replicaSet.Metadata.ManagedFields!.Value.ValueKind);

        var spec = replicaSet.Spec!;
        Assert.Equal(0, spec.Replicas);
        Assert.Equal("web", spec.Selector!.MatchLabels!["app"]);
        Assert.Null(spec.Template!.Metadata!.CreationTimestamp);
        Assert.Equal("web", spec.Template.Metadata.Labels!["app"]);

        var podSpec = spec.Template.Spec!;
        Assert.Equal("Always", podSpec.RestartPolicy);
        Assert.Equal(30, podSpec.TerminationGracePeriodSeconds);
        Assert.Equal("ClusterFirst", podSpec.ExtensionData!["dnsPolicy"].GetString());
        Assert.Equal(JsonValueKind.Object, podSpec.ExtensionData["securityContext"].ValueKind);

        var container = Assert.Single(podSpec.Containers!);
        Assert.Equal("web", container.Name);
        Assert.Equal("registry.example.com/web:1.0", container.Image);
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.NotNull(container.Resources);
        Assert.Null(container.Resources.Limits);
        Assert.Equal("/dev/termination-log", container.ExtensionData!["terminationMessagePath"].GetString());

        Assert.Equal(0, replicaSet.Status!.Replicas);
        Assert.Null(replicaSet.Status.ObservedGeneration);
    }

    [Fact]
    public void Service_create_response_reads_selector_ports_type_and_cluster_ip()
    {
        var service = KubernetesSerializer.Deserialize<Service>(RecordedExchanges.ServiceResponse);

        Assert.Equal("s1", service.Metadata.Name);
        var spec = service.Spec!;
        Assert.Equal("s1", spec.Selector!["app"]);
        Assert.Equal("ClusterIP", spec.Type);
        Assert.Equal("10.0.116.71", spec.ClusterIP);
        var port = Assert.Single(spec.Ports!);
        Assert.Equal("http", port.Name);
        Assert.Equal("TCP", port.Protocol);
        Assert.Equal(80, port.Port);
        Assert.Equal(IntOrString.FromInt32(8080), port.TargetPort);
        Assert.Equal("SingleStack", spec.ExtensionData!["ipFamilyPolicy"].GetString());
        Assert.Equal(JsonValueKind.Object, service.Status!.Value.ValueKind);
    }

    [Fact]
    public void Lease_create_response_reads_micro_times()
    {
        var lease = KubernetesSerializer.Deserialize<Lease>(RecordedExchanges.LeaseResponse);

        Assert.Equal("coordination.k8s.io/v1", lease.ApiVersion);
        Assert.Equal("canaryflow-controller", lease.Metadata.Name);
        var spec = lease.Spec!;
        Assert.Equal("pod-a_1", spec.HolderIdentity);
        Assert.Equal(15, spec.LeaseDurationSeconds);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), spec.AcquireTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), spec.RenewTime);
        Assert.Equal(0, spec.LeaseTransitions);
    }

    [Fact]
    public void Events_api_event_reads_new_fields_and_keeps_the_deprecated_ones_as_extension_data()
    {
        var ev = KubernetesSerializer.Deserialize<Event>(RecordedExchanges.EventsEventResponse);

        Assert.Equal("events.k8s.io/v1", ev.ApiVersion);
        Assert.Equal("w1.abc123", ev.Metadata.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), ev.EventTime);
        Assert.Equal("canaryflow.io/controller", ev.ReportingController);
        Assert.Equal("pod-a", ev.ReportingInstance);
        Assert.Equal("Abort", ev.Action);
        Assert.Equal("RolloutAborted", ev.Reason);
        Assert.Equal("analysis error-rate failed: 0.5 >= 0.05", ev.Note);
        Assert.Equal("Warning", ev.Type);
        Assert.Equal(
            new ObjectReference { ApiVersion = "bars.example.com/v1", Kind = "Widget", Namespace = "tx", Name = "w1" },
            ev.Regarding);
        Assert.Null(ev.Series);
        Assert.Equal(JsonValueKind.Null, ev.ExtensionData!["deprecatedFirstTimestamp"].ValueKind);
        Assert.Equal(JsonValueKind.Object, ev.ExtensionData["deprecatedSource"].ValueKind);
    }

    [Fact]
    public void Core_event_reads_the_legacy_names_and_null_timestamps()
    {
        var ev = KubernetesSerializer.Deserialize<CoreEvent>(RecordedExchanges.CoreEventResponse);

        Assert.Equal("v1", ev.ApiVersion);
        Assert.Equal("w1", ev.InvolvedObject!.Name);
        Assert.Equal("analysis error-rate failed: 0.5 >= 0.05", ev.Message);
        Assert.Equal("canaryflow.io/controller", ev.ReportingComponent);
        Assert.Null(ev.FirstTimestamp);
        Assert.Null(ev.LastTimestamp);
        Assert.NotNull(ev.Source);
        Assert.Null(ev.Source.Component);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), ev.EventTime);
    }

    [Fact]
    public void Namespace_create_response_reads_spec_finalizers_and_phase()
    {
        var ns = KubernetesSerializer.Deserialize<Namespace>(RecordedExchanges.NamespaceResponse);

        Assert.Equal("tx", ns.Metadata.Name);
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal("Active", ns.Status!.Phase);
    }

    [Fact]
    public void AlreadyExists_status_reads_reason_code_and_details()
    {
        var status = KubernetesSerializer.Deserialize<Status>(RecordedExchanges.AlreadyExists);

        Assert.Equal("Status", status.Kind);
        Assert.Equal("v1", status.ApiVersion);
        Assert.Equal("Failure", status.Outcome);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal(409, status.Code);
        Assert.Equal("widgets.bars.example.com \"w1\" already exists", status.Message);
        Assert.NotNull(status.Metadata);
        Assert.Equal("w1", status.Details!.Name);
        Assert.Equal("bars.example.com", status.Details.Group);
        Assert.Equal("widgets", status.Details.Kind);
        Assert.Null(status.Details.Causes);
    }

    [Fact]
    public void Invalid_status_reads_every_cause()
    {
        var status = KubernetesSerializer.Deserialize<Status>(RecordedExchanges.WidgetInvalid);

        Assert.Equal("Invalid", status.Reason);
        Assert.Equal(422, status.Code);
        Assert.Equal("Widget", status.Details!.Kind);
        Assert.Collection(
            status.Details.Causes!,
            cause =>
            {
                Assert.Equal("FieldValueNotSupported", cause.Reason);
                Assert.Equal("spec.color", cause.Field);
                Assert.StartsWith("Unsupported value: \"purple\"", cause.Message, StringComparison.Ordinal);
            },
            cause =>
            {
                Assert.Equal("FieldValueInvalid", cause.Reason);
                Assert.Equal("spec.size", cause.Field);
            });
    }

    [Fact]
    public void Invalid_replica_set_status_reads_its_single_cause()
    {
        var status = KubernetesSerializer.Deserialize<Status>(RecordedExchanges.ReplicaSetInvalid);

        Assert.Equal("apps", status.Details!.Group);
        Assert.Equal("ReplicaSet", status.Details.Kind);
        var cause = Assert.Single(status.Details.Causes!);
        Assert.Equal("spec.template.metadata.labels", cause.Field);
    }

    [Fact]
    public void Custom_resource_list_reads_list_metadata_and_unstructured_items()
    {
        var list = KubernetesSerializer.Deserialize<KubernetesList<UnstructuredObject>>(RecordedExchanges.WidgetList);

        Assert.Equal("WidgetList", list.Kind);
        Assert.Equal("bars.example.com/v1", list.ApiVersion);
        Assert.Equal("475", list.Metadata.ResourceVersion);
        Assert.Equal("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDc1LCJzdGFydCI6Inc5XHUwMDAwIn0", list.Metadata.Continue);
        Assert.Equal(1, list.Metadata.RemainingItemCount);
        var widget = Assert.Single(list.Items);
        Assert.Equal("Widget", widget.Kind);
        Assert.Equal("w9", widget.Metadata.Name);
        Assert.Equal("471", widget.Metadata.ResourceVersion);
        Assert.Equal(3, widget.ExtensionData!["spec"].GetProperty("size").GetInt32());
    }

    [Fact]
    public void Custom_resource_being_deleted_reads_deletion_timestamp_and_finalizers()
    {
        var widget = KubernetesSerializer.Deserialize<UnstructuredObject>(RecordedExchanges.WidgetDeleting);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 20, 55, TimeSpan.Zero), widget.Metadata.DeletionTimestamp);
        Assert.Equal(0, widget.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(["bars.example.com/hold"], widget.Metadata.Finalizers!);
        Assert.Equal(4, widget.Metadata.Generation);
    }

    [Fact]
    public void Watch_error_event_carries_a_status_instead_of_the_watched_kind()
    {
        var watchEvent = KubernetesSerializer.Deserialize<WatchEvent>(RecordedExchanges.WatchExpired);

        Assert.Equal(WatchEventType.Error, watchEvent.Type);
        var status = KubernetesSerializer.Deserialize<Status>(watchEvent.Object);
        Assert.Equal("Expired", status.Reason);
        Assert.Equal(410, status.Code);
    }

    [Fact]
    public void Watch_event_object_reads_as_the_watched_kind()
    {
        const string line = """{"type":"MODIFIED","object":{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w2","namespace":"tx","resourceVersion":"476"},"spec":{"color":"green","size":7}}}""";

        var watchEvent = KubernetesSerializer.Deserialize<WatchEvent>(line);
        var widget = KubernetesSerializer.Deserialize<UnstructuredObject>(watchEvent.Object);

        Assert.Equal(WatchEventType.Modified, watchEvent.Type);
        Assert.Equal("476", widget.Metadata.ResourceVersion);
    }

    [Fact]
    public void Built_in_list_items_without_kind_get_their_record_defaults()
    {
        const string body = """{"kind":"ServiceList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}""";

        var list = KubernetesSerializer.Deserialize<KubernetesList<Service>>(body);

        Assert.Equal(["a", "b"], list.Items.Select(s => s.Metadata.Name));
        Assert.All(list.Items, s => Assert.Equal("Service", s.Kind));
    }

    [Fact]
    public void Empty_list_has_no_items()
    {
        var list = KubernetesSerializer.Deserialize<KubernetesList<Pod>>("""{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}""");

        Assert.Empty(list.Items);
    }
}
