using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Controller.Routing.Nginx;

/// <summary>
/// The canary Ingress NGINX reads: <c>&lt;stable&gt;-canary</c>, a copy of the stable Ingress whose backends of the stable
/// Service go to the canary Service, with <c>nginx.ingress.kubernetes.io/canary: "true"</c> and the weight in
/// <c>canary-weight</c>, controlled by the Rollout. It is derived from the stable Ingress every time, so a change of the
/// stable Ingress is followed.
/// </summary>
public static class CanaryIngress
{
    public const string CanaryAnnotation = "nginx.ingress.kubernetes.io/canary";
    public const string WeightAnnotation = "nginx.ingress.kubernetes.io/canary-weight";

    /// <summary>The legacy class annotation: a canary Ingress must be in the class of its stable Ingress to be read with it.</summary>
    public const string ClassAnnotation = "kubernetes.io/ingress.class";

    public static string NameFor(string stableIngress) => stableIngress + "-canary";

    /// <summary>Whether the stable Ingress sends anything to <paramref name="service"/> (otherwise there is nothing to split).</summary>
    public static bool SendsTo(Ingress stable, string service)
    {
        ArgumentNullException.ThrowIfNull(stable);
        return stable.Spec?.DefaultBackend?.Service?.Name == service
            || stable.Spec?.Rules?.Any(r => r.Http?.Paths?.Any(p => p.Backend?.Service?.Name == service) == true) == true;
    }

    /// <summary>
    /// The canary's spec: the stable's with every backend of the stable Service switched to the canary Service. Paths and
    /// rules that send elsewhere are left out: NGINX splits a host and path only between the stable Ingress and its canary.
    /// Everything else of the spec (TLS, the class, fields of newer versions) is copied.
    /// </summary>
    public static JsonObject Spec(Ingress stable, string stableService, string canaryService)
    {
        ArgumentNullException.ThrowIfNull(stable);
        var spec = KubernetesSerializer.SerializeToNode(stable.Spec ?? new IngressSpec()).AsObject();
        if (spec["defaultBackend"] is JsonObject defaultBackend && !Switch(defaultBackend, stableService, canaryService))
        {
            spec.Remove("defaultBackend");
        }

        if (spec["rules"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>().ToList())
            {
                var paths = rule["http"]?["paths"] as JsonArray;
                foreach (var path in paths?.OfType<JsonObject>().ToList() ?? [])
                {
                    if (path["backend"] is not JsonObject backend || !Switch(backend, stableService, canaryService))
                    {
                        paths!.Remove(path);
                    }
                }

                if (paths is not { Count: > 0 })
                {
                    rules.Remove(rule);
                }
            }
        }

        return spec;
    }

    /// <summary>The whole canary Ingress for <paramref name="weight"/>, as it is created.</summary>
    public static JsonObject Build(Ingress stable, Rollout rollout, int weight)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(rollout);
        var canary = rollout.Spec!.Strategy!.Canary!;
        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = new JsonObject
            {
                ["name"] = NameFor(stable.Metadata.Name!),
                ["namespace"] = stable.Metadata.Namespace,
                ["annotations"] = Annotations(stable, weight),
                ["ownerReferences"] = new JsonArray { Owner(rollout) },
            },
            ["spec"] = Spec(stable, canary.StableService!, canary.CanaryService!),
        };
    }

    /// <summary>
    /// <paramref name="existing"/> brought to <paramref name="weight"/> and to the stable Ingress as it is now: the spec
    /// replaced, the canary annotations set, the Rollout's ownerReference ensured; labels and annotations others added stay.
    /// </summary>
    public static JsonObject Update(JsonObject existing, Ingress stable, Rollout rollout, int weight)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var desired = Build(stable, rollout, weight);
        var updated = (JsonObject)existing.DeepClone();
        updated["spec"] = desired["spec"]!.DeepClone();
        if (updated["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            updated["metadata"] = metadata;
        }

        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        foreach (var (key, value) in desired["metadata"]!["annotations"]!.AsObject())
        {
            annotations[key] = value?.DeepClone();
        }

        if (!IsControlledBy(KubernetesSerializer.Deserialize<Ingress>(updated), rollout))
        {
            var owners = metadata["ownerReferences"] as JsonArray ?? [];
            owners.Add(Owner(rollout));
            metadata["ownerReferences"] = owners;
        }

        return updated;
    }

    /// <summary>The weight the canary Ingress gives; null when its canary annotations are not the ones the controller writes.</summary>
    public static int? Weight(Ingress existing, Ingress stable)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(stable);
        var annotations = existing.Metadata.Annotations ?? new Dictionary<string, string>();
        if (annotations.GetValueOrDefault(CanaryAnnotation) != "true"
            || !int.TryParse(annotations.GetValueOrDefault(WeightAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var weight)
            || weight > 100
            || stable.Metadata.Annotations?.GetValueOrDefault(ClassAnnotation) is { } ingressClass && annotations.GetValueOrDefault(ClassAnnotation) != ingressClass)
        {
            return null;
        }

        return weight;
    }

    /// <summary>Whether the canary Ingress's spec is the one derived from the stable Ingress as it is now.</summary>
    public static bool IsCurrent(Ingress existing, Ingress stable, Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(rollout);
        var canary = rollout.Spec!.Strategy!.Canary!;
        var current = KubernetesSerializer.SerializeToNode(existing.Spec ?? new IngressSpec());
        return JsonNode.DeepEquals(current, Spec(stable, canary.StableService!, canary.CanaryService!));
    }

    /// <summary>Whether the Rollout controls the Ingress (never touch one that someone else made with the managed name).</summary>
    public static bool IsControlledBy(Ingress ingress, Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        ArgumentNullException.ThrowIfNull(rollout);
        return ingress.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rollout.Metadata.Uid) == true;
    }

    private static JsonObject Annotations(Ingress stable, int weight)
    {
        var annotations = new JsonObject
        {
            [CanaryAnnotation] = "true",
            [WeightAnnotation] = weight.ToString(CultureInfo.InvariantCulture),
        };
        if (stable.Metadata.Annotations?.GetValueOrDefault(ClassAnnotation) is { } ingressClass)
        {
            annotations[ClassAnnotation] = ingressClass;
        }

        return annotations;
    }

    private static JsonObject Owner(Rollout rollout) => new()
    {
        ["apiVersion"] = RolloutApi.ApiVersion,
        ["kind"] = "Rollout",
        ["name"] = rollout.Metadata.Name,
        ["uid"] = rollout.Metadata.Uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>Points a backend of the stable Service at the canary Service; false when it is another backend.</summary>
    private static bool Switch(JsonObject backend, string stableService, string canaryService)
    {
        if (backend["service"] is not JsonObject service || service["name"]?.GetValue<string>() != stableService)
        {
            return false;
        }

        service["name"] = canaryService;
        return true;
    }
}
