using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>Services: DNS-1035 names, a cluster IP allocated from 10.96.0.0/16, and the server's dynamic defaults.</summary>
public sealed class ServiceStrategy : ResourceStrategy
{
    private int _nextAddress = 10;

    public override bool HasStatusSubresource => true;

    public override IReadOnlyList<string> ValidateName(string name) => NameRules.Dns1035Label(name);

    public override void PrepareForCreate(JsonObject obj, WriteContext context) =>
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };

    public override void PrepareForUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        base.PrepareForUpdate(newObj, oldObj, context);
        var spec = newObj.GetOrAddObject("spec");
        foreach (var allocated in new[] { "clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy" })
        {
            if (spec[allocated] is null && oldObj["spec"]?[allocated] is { } value)
            {
                spec[allocated] = value.DeepClone();
            }
        }
    }

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetOrAddObject("spec");
        var type = spec.GetString("type") ?? "ClusterIP";
        if (type != "ExternalName" && spec.GetString("clusterIP") is null)
        {
            spec["clusterIP"] = Allocate(context);
        }

        if (spec.GetString("clusterIP") is { } ip && spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(ip);
        }

        if (type != "ExternalName")
        {
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (spec.GetArray("ports") is { } ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                if (port["targetPort"] is null && port["port"] is { } number)
                {
                    port["targetPort"] = number.DeepClone();
                }
            }
        }
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetObject("spec");
        var type = spec?.GetString("type") ?? "ClusterIP";
        if (type != "ExternalName" && spec?.GetArray("ports") is not { Count: > 0 } && spec?.GetString("clusterIP") != "None")
        {
            yield return FieldError.Required("spec.ports", "");
        }
    }

    private string Allocate(WriteContext context)
    {
        var used = context.Transaction.Table(BuiltInStorage.Services)
            .Enumerate(null)
            .Select(s => s.Object["spec"]?["clusterIP"]?.GetValue<string>())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var candidate = $"10.96.{(_nextAddress >> 8) & 0xff}.{_nextAddress & 0xff}";
            _nextAddress = _nextAddress >= 0xfffe ? 10 : _nextAddress + 1;
            if (!used.Contains(candidate) && !candidate.EndsWith(".0", StringComparison.Ordinal))
            {
                return candidate;
            }
        }
    }
}
