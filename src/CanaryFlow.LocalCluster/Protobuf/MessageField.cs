namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>One row of a message table: a field number, its Kubernetes JSON name and how to decode its values.</summary>
internal sealed record MessageField
{
    public MessageField(int number, string jsonName, FieldKind kind, FieldShape shape, MessageType? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentException.ThrowIfNullOrEmpty(jsonName);
        if ((kind == FieldKind.Message) != (message is not null))
        {
            // A null message here usually means a table refers to another table declared further down the same file.
            throw new ArgumentException($"field {jsonName}: a message field needs its message table, and only message fields take one", nameof(message));
        }

        if (shape == FieldShape.Map && kind is not (FieldKind.String or FieldKind.Bytes or FieldKind.Quantity))
        {
            throw new ArgumentException($"field {jsonName}: map values must be strings, bytes or quantities", nameof(kind));
        }

        Number = number;
        JsonName = jsonName;
        Kind = kind;
        Shape = shape;
        Message = message;
    }

    public int Number { get; }

    public string JsonName { get; }

    public FieldKind Kind { get; }

    public FieldShape Shape { get; }

    public MessageType? Message { get; }

    /// <summary>
    /// True for Go fields that are neither pointers nor free of <c>omitempty</c>: Kubernetes' generated marshallers write
    /// those on every message, so a zero value on the wire means "not set" and JSON leaves it out, as the JSON encoding would.
    /// </summary>
    public bool OmitsZero { get; private init; }

    public MessageField OmitZero()
    {
        if (Shape != FieldShape.Single || Kind is not (FieldKind.String or FieldKind.Bool or FieldKind.Int32 or FieldKind.Int64 or FieldKind.IntOrString))
        {
            throw new InvalidOperationException($"field {JsonName}: only single scalar fields have a zero value to omit");
        }

        return this with { OmitsZero = true };
    }
}
