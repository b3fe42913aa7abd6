namespace CanaryFlow.Kubernetes.Fields;

/// <summary>
/// The field selector operators. <c>==</c> is read as <see cref="Equal"/>, as apimachinery does.
/// </summary>
public enum FieldSelectorOperator
{
    /// <summary><c>field=value</c> or <c>field==value</c>.</summary>
    Equal,

    /// <summary><c>field!=value</c>.</summary>
    NotEqual,
}
