namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// Any object whose kind has no record here, typically a custom resource: metadata is typed, spec, status and
/// everything else stay JSON in <see cref="KubernetesRecord.ExtensionData"/>. It has no default apiVersion or kind;
/// custom resources, unlike built-in list items, carry their own even inside lists.
/// </summary>
public sealed record UnstructuredObject() : KubernetesObject(null, null);
