namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Short constructors for the rows of message tables, so each table reads like its <c>generated.proto</c>.</summary>
internal static class Field
{
    public static MessageField String(int number, string jsonName) => new(number, jsonName, FieldKind.String, FieldShape.Single);

    public static MessageField Bool(int number, string jsonName) => new(number, jsonName, FieldKind.Bool, FieldShape.Single);

    public static MessageField Int32(int number, string jsonName) => new(number, jsonName, FieldKind.Int32, FieldShape.Single);

    public static MessageField Int64(int number, string jsonName) => new(number, jsonName, FieldKind.Int64, FieldShape.Single);

    public static MessageField Time(int number, string jsonName) => new(number, jsonName, FieldKind.Time, FieldShape.Single);

    public static MessageField IntOrString(int number, string jsonName) => new(number, jsonName, FieldKind.IntOrString, FieldShape.Single);

    public static MessageField Message(int number, string jsonName, MessageType message) =>
        new(number, jsonName, FieldKind.Message, FieldShape.Single, message);

    public static MessageField Strings(int number, string jsonName) => new(number, jsonName, FieldKind.String, FieldShape.Repeated);

    public static MessageField Int64s(int number, string jsonName) => new(number, jsonName, FieldKind.Int64, FieldShape.Repeated);

    public static MessageField Messages(int number, string jsonName, MessageType message) =>
        new(number, jsonName, FieldKind.Message, FieldShape.Repeated, message);

    public static MessageField StringMap(int number, string jsonName) => new(number, jsonName, FieldKind.String, FieldShape.Map);

    public static MessageField BytesMap(int number, string jsonName) => new(number, jsonName, FieldKind.Bytes, FieldShape.Map);

    public static MessageField QuantityMap(int number, string jsonName) => new(number, jsonName, FieldKind.Quantity, FieldShape.Map);
}
