using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Hashing;

/// <summary>
/// The hash of a Rollout's pod template: the suffix of its ReplicaSet's name (<c>&lt;rollout&gt;-&lt;hash&gt;</c>) and
/// the value of the <c>rollouts-pod-template-hash</c> label that selects the ReplicaSet's pods.
/// <para>
/// The hash is the first 64 bits of SHA-256 over <see cref="PodTemplateCanonicalForm.ToHashInput"/>, written as ten
/// characters of <c>bcdfghjklmnpqrstvwxz2456789</c>. It depends only on the template's content, never on a JSON
/// library's layout, a model class, Go struct defaults or the controller's version.
/// </para>
/// <para>
/// Changing the output for any existing template is a breaking change: every running Rollout would see a "new"
/// template after a controller upgrade and redeploy its whole fleet, which is exactly what peers have done to their
/// users. The golden hashes in the tests pin the output. A deliberate change of the canonical form must bump
/// <see cref="Version"/> and come with a migration that recognises ReplicaSets named by the previous version.
/// </para>
/// </summary>
public static class PodTemplateHash
{
    /// <summary>Version of the canonical form; the first line of the hashed bytes.</summary>
    public const string Version = "v1";

    /// <summary>Characters in a hash.</summary>
    public const int Length = 10;

    /// <summary>Hash of a pod template as the user wrote it in the Rollout's <c>spec.template</c>.</summary>
    /// <exception cref="ArgumentException">A value in the tree has no JSON form (a NaN or infinite double built in
    /// code).</exception>
    public static string Compute(JsonObject podTemplate)
    {
        ArgumentNullException.ThrowIfNull(podTemplate);
        var digest = SHA256.HashData(PodTemplateCanonicalForm.ToHashInput(podTemplate));
        return LabelSafeHashEncoding.Encode(digest, Length);
    }
}
