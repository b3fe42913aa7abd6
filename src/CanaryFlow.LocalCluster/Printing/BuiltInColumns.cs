using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Printing;

/// <summary>The columns the real server's printers give the built-in kinds, so `kubectl get` looks familiar.</summary>
public static partial class BuiltInColumns
{
    private const string _none = "<none>";

    public static IReadOnlyList<PrinterColumn> Namespaces { get; } =
    [
        Text("Status", "The status of the namespace", o => o["status"]?["phase"]?.GetValue<string>()),
        Age(),
    ];

    public static IReadOnlyList<PrinterColumn> ConfigMaps { get; } =
    [
        Integer("Data", "Number of data in configmap", o => (o.GetObject("data")?.Count ?? 0) + (o.GetObject("binaryData")?.Count ?? 0)),
        Age(),
    ];

    public static IReadOnlyList<PrinterColumn> Secrets { get; } =
    [
        Text("Type", "The type of the secret", o => o.GetString("type")),
        Integer("Data", "Number of data in secret", o => o.GetObject("data")?.Count ?? 0),
        Age(),
    ];

    public static IReadOnlyList<PrinterColumn> Services { get; } =
    [
        Text("Type", "The type of the service", o => o["spec"]?["type"]?.GetValue<string>()),
        Text("Cluster-IP", "The cluster IP of the service", o => o["spec"]?["clusterIP"]?.GetValue<string>() ?? _none),
        Text("External-IP", "The external IP of the service", o => ExternalIps(o)),
        Text("Port(s)", "The ports of the service", o => Ports(o)),
        Age(),
        Text("Selector", "The selector of the service", o => Selector(o["spec"]?["selector"] as JsonObject), priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> Pods { get; } =
    [
        Text("Ready", "The aggregate readiness state of this pod for accepting traffic.", o => ReadyContainers(o)),
        Text("Status", "The aggregate status of the containers in this pod.", o => PodStatus(o)),
        Text("Restarts", "The number of times the containers in this pod have been restarted.", o => Restarts(o)),
        Age(),
        Text("IP", "The IP address of the pod", o => o["status"]?["podIP"]?.GetValue<string>() ?? _none, priority: 1),
        Text("Node", "The name of the node", o => o["spec"]?["nodeName"]?.GetValue<string>() ?? _none, priority: 1),
        Text("Nominated Node", "The name of the nominated node", o => o["status"]?["nominatedNodeName"]?.GetValue<string>() ?? _none, priority: 1),
        Text("Readiness Gates", "The readiness gates of the pod", o => _none, priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> ReplicaSets { get; } =
    [
        Integer("Desired", "Number of desired pods.", o => o["spec"]?["replicas"]?.GetValue<long>() ?? 1),
        Integer("Current", "Number of actual pods.", o => o["status"]?["replicas"]?.GetValue<long>() ?? 0),
        Integer("Ready", "Number of ready pods.", o => o["status"]?["readyReplicas"]?.GetValue<long>() ?? 0),
        Age(),
        Text("Containers", "Names of each container in the template.", o => Containers(o, "name"), priority: 1),
        Text("Images", "Images referenced by each container in the template.", o => Containers(o, "image"), priority: 1),
        Text("Selector", "Label selector.", o => StructuredSelector(o), priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> Deployments { get; } =
    [
        Text("Ready", "Number of the pod with ready state", o => $"{o["status"]?["readyReplicas"]?.GetValue<long>() ?? 0}/{o["spec"]?["replicas"]?.GetValue<long>() ?? 1}"),
        Integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", o => o["status"]?["updatedReplicas"]?.GetValue<long>() ?? 0),
        Integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", o => o["status"]?["availableReplicas"]?.GetValue<long>() ?? 0),
        Age(),
        Text("Containers", "Names of each container in the template.", o => Containers(o, "name"), priority: 1),
        Text("Images", "Images referenced by each container in the template.", o => Containers(o, "image"), priority: 1),
        Text("Selector", "Label selector for pods.", o => StructuredSelector(o), priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> Ingresses { get; } =
    [
        Text("Class", "The name of the IngressClass resource that should be used", o => o["spec"]?["ingressClassName"]?.GetValue<string>() ?? _none),
        Text("Hosts", "Hosts that incoming requests are matched against", o => Hosts(o)),
        Text("Address", "Address is a list containing ingress points for the load-balancer", o => "", priority: 0),
        Text("Ports", "Ports of TLS configurations that open", o => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
        Age(),
    ];

    public static IReadOnlyList<PrinterColumn> Leases { get; } =
    [
        Text("Holder", "The holder of the lease", o => o["spec"]?["holderIdentity"]?.GetValue<string>() ?? ""),
        Age(),
    ];

    public static IReadOnlyList<PrinterColumn> Events { get; } =
    [
        Text("Last Seen", "Time when last this event was seen", (o, now) => EventTime(o, now, "lastTimestamp")),
        Text("Type", "Type of this event", o => o.GetString("type")),
        Text("Reason", "Reason why this event was generated", o => o.GetString("reason")),
        Text("Object", "Object this event is about", o => $"{o["involvedObject"]?["kind"]?.GetValue<string>()?.ToLowerInvariant()}/{o["involvedObject"]?["name"]?.GetValue<string>()}"),
        Text("Subobject", "Subobject this event is about", o => o["involvedObject"]?["fieldPath"]?.GetValue<string>() ?? "", priority: 1),
        Text("Source", "Source of this event", EventSource, priority: 1),
        Text("Message", "Message of this event", o => o.GetString("message")),
        Text("First Seen", "Time when first this event was seen", (o, now) => EventTime(o, now, "firstTimestamp"), priority: 1),
        Text("Count", "Number of times this event was seen", o => (o.GetLong("count") ?? o["series"]?["count"]?.GetValue<long>() ?? 1).ToString(CultureInfo.InvariantCulture), priority: 1),
        Text("Name", "Name of this event", o => o.Name(), priority: 1),
    ];

    public static IReadOnlyList<PrinterColumn> CustomResourceDefinitions { get; } =
    [
        new("Created At", "date", "", "Creation timestamp of the resource", 0, (o, _) => o.MetadataOrNull()?.GetString("creationTimestamp")),
    ];

    private static PrinterColumn Age() =>
        new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
            (o, now) => KubernetesTime.TryParse(o.MetadataOrNull()?.GetString("creationTimestamp"), out var created) ? HumanDuration.Format(now - created) : _none);

    private static PrinterColumn Text(string name, string description, Func<JsonObject, string?> cell, int priority = 0) =>
        new(name, "string", "", description, priority, (o, _) => cell(o));

    private static PrinterColumn Text(string name, string description, Func<JsonObject, DateTimeOffset, string?> cell, int priority = 0) =>
        new(name, "string", "", description, priority, (o, now) => cell(o, now));

    private static PrinterColumn Integer(string name, string description, Func<JsonObject, long> cell) =>
        new(name, "integer", "", description, 0, (o, _) => cell(o));

    private static string EventTime(JsonObject o, DateTimeOffset now, string field)
    {
        var text = o.GetString(field) ?? o.GetString("eventTime") ?? o.MetadataOrNull()?.GetString("creationTimestamp");
        return KubernetesTime.TryParse(text, out var time) ? HumanDuration.Format(now - time) : _none;
    }

    /// <summary>kubectl's formatEventSource: the component (or reporting controller), then ", host" (or reporting instance) when there is one.</summary>
    private static string EventSource(JsonObject o)
    {
        var component = FirstNonEmpty(o["source"]?["component"]?.GetValue<string>(), o.GetString("reportingComponent"));
        var instance = FirstNonEmpty(o["source"]?["host"]?.GetValue<string>(), o.GetString("reportingInstance"));
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string? first, string? second) => string.IsNullOrEmpty(first) ? second ?? "" : first;

    private static string ExternalIps(JsonObject o)
    {
        var ips = o["spec"]?["externalIPs"] as JsonArray;
        return ips is { Count: > 0 } ? string.Join(",", ips.Select(i => i?.GetValue<string>())) : _none;
    }

    private static string Ports(JsonObject o)
    {
        var ports = (o["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        return ports.Count == 0
            ? _none
            : string.Join(",", ports.Select(p => $"{p["port"]}{(p["nodePort"] is { } n ? ":" + n : "")}/{p.GetString("protocol") ?? "TCP"}"));
    }

    private static string Selector(JsonObject? selector) =>
        selector is { Count: > 0 } ? string.Join(",", selector.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) : _none;

    private static string StructuredSelector(JsonObject o)
    {
        try
        {
            var selector = LabelSelector.FromLabelSelectorObject(o["spec"]?["selector"] as JsonObject);
            return selector.IsEverything ? _none : selector.ToString();
        }
        catch (LabelSelectorParseException)
        {
            return _none;
        }
    }

    private static string Containers(JsonObject o, string field)
    {
        var containers = (o["spec"]?["template"]?["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [];
        return string.Join(",", containers.Select(c => c.GetString(field)));
    }

    private static string Hosts(JsonObject o)
    {
        var hosts = (o["spec"]?["rules"] as JsonArray)?.OfType<JsonObject>().Select(r => r.GetString("host")).OfType<string>().ToList() ?? [];
        return hosts.Count == 0 ? "*" : string.Join(",", hosts);
    }

    private static string ReadyContainers(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (o["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().Count(c => c.GetBool("ready") == true) ?? 0;
        return $"{ready}/{total}";
    }

    private static string Restarts(JsonObject o)
    {
        var restarts = (o["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().Sum(c => c.GetLong("restartCount") ?? 0) ?? 0;
        return restarts.ToString(CultureInfo.InvariantCulture);
    }

    private static string PodStatus(JsonObject o)
    {
        if (o.MetadataOrNull()?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var waiting = (o["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => c["state"]?["waiting"]?["reason"]?.GetValue<string>())
            .FirstOrDefault(r => r is not null);
        return waiting ?? o["status"]?["reason"]?.GetValue<string>() ?? o["status"]?["phase"]?.GetValue<string>() ?? "Unknown";
    }
}
