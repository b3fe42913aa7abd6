using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Events, stored in the core/v1 shape and served by core/v1 and events.k8s.io/v1. Legacy events only need
/// their namespace to match the involved object's; events with eventTime follow the events.k8s.io rules.
/// </summary>
public sealed class EventStrategy : ResourceStrategy
{
    public static EventStrategy Instance { get; } = new();

    public override bool AllowCreateOnUpdate => true;

    public override void CheckDecodable(JsonObject obj, ResourceDescriptor descriptor)
    {
        foreach (var value in new[] { obj["eventTime"], obj["series"]?["lastObservedTime"] })
        {
            if (value is JsonValue v && v.TryGetValue(out string? text) && !KubernetesTime.TryParseMicro(text, out _))
            {
                throw ApiErrors.BadRequest(LeaseStrategy.MicroTimeError(descriptor, text));
            }
        }
    }

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        obj["source"] ??= new JsonObject();
        foreach (var time in new[] { "firstTimestamp", "lastTimestamp", "eventTime" })
        {
            if (!obj.ContainsKey(time))
            {
                obj[time] = null;
            }
        }
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var ns = obj.Namespace() ?? "";
        var involvedNamespace = obj["involvedObject"]?["namespace"]?.GetValue<string>() ?? "";
        if (obj["eventTime"] is null)
        {
            if (involvedNamespace.Length > 0 && involvedNamespace != ns)
            {
                yield return FieldError.Invalid("involvedObject.namespace", JsonValue.Create(involvedNamespace), "does not match event.namespace");
            }

            yield break;
        }

        var controller = obj.GetString("reportingComponent") ?? "";
        if (controller.Length == 0)
        {
            yield return FieldError.Required("reportingController", "");
        }
        else
        {
            foreach (var problem in NameRules.QualifiedName(controller))
            {
                yield return FieldError.Invalid("reportingController", JsonValue.Create(controller), problem);
            }
        }

        foreach (var (field, limit) in new[] { ("reportingInstance", 128), ("action", 128), ("reason", 128) })
        {
            var value = obj.GetString(field) ?? "";
            if (value.Length == 0)
            {
                yield return FieldError.Required(field, "");
            }
            else if (value.Length > limit)
            {
                yield return FieldError.Invalid(field, JsonValue.Create(value), $"can have at most {limit} characters");
            }
        }

        var message = obj.GetString("message") ?? "";
        if (message.Length > 1024)
        {
            yield return FieldError.TooLong("note", null, 1024);
        }

        var type = obj.GetString("type") ?? "";
        if (type is not ("Normal" or "Warning"))
        {
            yield return FieldError.Invalid("type", JsonValue.Create(type), "has invalid value: " + type);
        }
    }
}

/// <summary>Maps core/v1 Events (stored) to and from events.k8s.io/v1 (note, regarding, reportingController, series).</summary>
public sealed class EventsV1Converter : IObjectConverter
{
    private static readonly (string Core, string V1)[] _renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    private static readonly string[] _v1Order =
    [
        "metadata", "eventTime", "series", "reportingController", "reportingInstance", "action", "reason", "regarding", "related", "note", "type",
        "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount",
    ];

    public JsonObject ToExternal(JsonObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var renamed = new JsonObject();
        foreach (var (name, value) in stored)
        {
            var v1Name = _renames.FirstOrDefault(r => r.Core == name).V1 ?? name;
            renamed[v1Name] = value?.DeepClone();
        }

        var ordered = new JsonObject();
        foreach (var name in _v1Order)
        {
            if (renamed.TryGetPropertyValue(name, out var value))
            {
                ordered[name] = value?.DeepClone();
            }
        }

        return ordered;
    }

    public JsonObject ToStorage(JsonObject external)
    {
        ArgumentNullException.ThrowIfNull(external);
        var errors = new List<FieldError>();
        foreach (var deprecated in new[] { "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount" })
        {
            if (external[deprecated] is { } value && !(value is JsonObject { Count: 0 }))
            {
                errors.Add(FieldError.Forbidden(deprecated, "needs to be unset"));
            }
        }

        if (external["eventTime"] is null)
        {
            errors.Add(FieldError.Required("eventTime", ""));
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid("Event.events.k8s.io", "events.k8s.io", "Event", external.Name() ?? "", errors);
        }

        var stored = new JsonObject();
        foreach (var (name, value) in external)
        {
            if (name.StartsWith("deprecated", StringComparison.Ordinal))
            {
                continue;
            }

            var coreName = _renames.FirstOrDefault(r => r.V1 == name).Core ?? name;
            stored[coreName] = value?.DeepClone();
        }

        return stored;
    }
}
