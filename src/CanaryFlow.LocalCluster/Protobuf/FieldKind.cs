namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>What one value of a field is on the wire and how it appears in Kubernetes JSON.</summary>
internal enum FieldKind
{
    String,

    /// <summary>Raw bytes; Kubernetes JSON carries <c>[]byte</c> as standard base64.</summary>
    Bytes,
    Bool,
    Int32,
    Int64,

    /// <summary>A nested message described by its own <see cref="MessageType"/>.</summary>
    Message,

    /// <summary><c>metav1.Time</c>: an RFC 3339 string, or null for the zero time.</summary>
    Time,

    /// <summary><c>intstr.IntOrString</c>: a JSON number or string.</summary>
    IntOrString,

    /// <summary><c>resource.Quantity</c>: its canonical string.</summary>
    Quantity,
}
