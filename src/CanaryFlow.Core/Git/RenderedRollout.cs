namespace CanaryFlow.Core.Git;

/// <summary>
/// A Rollout found in rendered manifests: where it would be applied and the hash of its pod template.
/// </summary>
/// <param name="Namespace">
/// <c>metadata.namespace</c> as rendered, or null when the manifest names none (the sync tool then applies it into
/// its destination namespace, which Git does not record).
/// </param>
/// <param name="TemplateHash">The <see cref="Hashing.PodTemplateHash"/> of <c>spec.template</c>, or null when the
/// manifest has no template object.</param>
public sealed record RenderedRollout(string? Namespace, string Name, string? TemplateHash);
