using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The Rollout's pod template exactly as it was hashed, kept in an annotation on the ReplicaSet the controller creates
/// for it, so that <c>undo</c> can write back the template the user wrote rather than the ReplicaSet's copy.
/// <para>
/// Why: the API server defaults fields of a ReplicaSet's pod template (imagePullPolicy, terminationMessagePath,
/// dnsPolicy, ...) but never those of a Rollout's (a custom resource field with preserved unknown fields). A template
/// copied back from the ReplicaSet therefore hashes differently from the one it came from, and going back to the stable
/// revision would run a whole canary instead of the fast rollback of the semantics (§2). Stripping the defaults again
/// cannot be done exactly (they differ between Kubernetes versions, and a user may write a default on purpose), and
/// hashing both sides without defaults would change the hash of existing templates, which the hash must never do.
/// </para>
/// <para>
/// The value is <see cref="PodTemplateCanonicalForm.ToJson"/>, the very JSON the hash was computed from (minus the
/// version line): sorted keys, nulls dropped, which changes nothing the template means. A reader checks that it still
/// hashes to the ReplicaSet's hash before trusting it.
/// </para>
/// </summary>
public static class RolloutTemplateAnnotation
{
    /// <summary>The annotation's key, beside <see cref="Api.RolloutApi.RevisionAnnotation"/>.</summary>
    public const string Key = "rollout.canaryflow.io/template";

    /// <summary>
    /// The largest value written, in UTF-8 bytes. The API server rejects an object whose annotations total more than
    /// 256 KiB (keys and values); half of that leaves room for everyone else's annotations. A template this large is
    /// left without the annotation (the ReplicaSet is still created), and undo to it falls back to the ReplicaSet's
    /// template with a warning.
    /// </summary>
    public const int MaxBytes = 128 * 1024;

    /// <summary>The annotation's value for <paramref name="template"/>, or null when it would exceed <see cref="MaxBytes"/>.</summary>
    public static string? Encode(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var canonical = PodTemplateCanonicalForm.ToJson(template);
        return Encoding.UTF8.GetByteCount(canonical) <= MaxBytes ? canonical : null;
    }

    /// <summary>
    /// Reads the template back from an annotation value, trusting it only when it hashes to <paramref name="expectedHash"/>
    /// (the ReplicaSet's <c>rollouts-pod-template-hash</c>): a value edited by hand, or written under another version
    /// of the canonical form, is refused with the reason.
    /// </summary>
    public static AnnotatedTemplate Decode(string? value, string expectedHash)
    {
        ArgumentNullException.ThrowIfNull(expectedHash);
        if (string.IsNullOrEmpty(value))
        {
            return new AnnotatedTemplate(null, $"it has no {Key} annotation (created by a controller before it wrote one, or the template is over {MaxBytes / 1024} KiB)");
        }

        JsonObject template;
        try
        {
            template = JsonNode.Parse(value) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            return new AnnotatedTemplate(null, $"its {Key} annotation is not a JSON object: {e.Message}");
        }

        var hash = PodTemplateHash.Compute(template);
        return hash == expectedHash
            ? new AnnotatedTemplate(template, null)
            : new AnnotatedTemplate(null, $"its {Key} annotation hashes to {hash}, not to the ReplicaSet's {expectedHash}");
    }
}

/// <summary>The template read from <see cref="RolloutTemplateAnnotation.Key"/>, or why there is none to trust.</summary>
public sealed record AnnotatedTemplate(JsonObject? Template, string? Problem);
