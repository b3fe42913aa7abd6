using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Leases: acquireTime and renewTime are MicroTime, which the server parses with an exact six-digit layout
/// (anything else fails decoding with 400); durations must be positive.
/// </summary>
public sealed class LeaseStrategy : ResourceStrategy
{
    public override void CheckDecodable(JsonObject obj, ResourceDescriptor descriptor)
    {
        foreach (var field in new[] { "acquireTime", "renewTime" })
        {
            if (obj["spec"]?[field] is JsonValue v && v.TryGetValue(out string? text) && !KubernetesTime.TryParseMicro(text, out _))
            {
                throw ApiErrors.BadRequest(MicroTimeError(descriptor, text));
            }
        }
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        if (obj["spec"]?["leaseDurationSeconds"] is JsonValue v && v.TryGetValue(out long duration) && duration <= 0)
        {
            yield return FieldError.Invalid("spec.leaseDurationSeconds", JsonValue.Create(duration), "must be greater than 0");
        }

        if (obj["spec"]?["leaseTransitions"] is JsonValue t && t.TryGetValue(out long transitions) && transitions < 0)
        {
            yield return FieldError.Invalid("spec.leaseTransitions", JsonValue.Create(transitions), "must be greater than or equal to 0");
        }
    }

    /// <summary>Go's time.Parse error for a MicroTime, as the decoder reports it.</summary>
    public static string MicroTimeError(ResourceDescriptor descriptor, string text)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var detail = dot >= 0 && dot > 18
            ? $"cannot parse \"{text[dot..]}\" as \".000000\""
            : $"cannot parse \"{(text.Length > 19 ? text[19..] : "")}\" as \".000000\"";
        return $"{descriptor.Kind} in version \"{descriptor.Version}\" cannot be handled as a {descriptor.Kind}: parsing time \"{text}\" as \"2006-01-02T15:04:05.000000Z07:00\": {detail}";
    }
}
