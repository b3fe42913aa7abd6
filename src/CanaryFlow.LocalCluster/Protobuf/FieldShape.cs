namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>How many values a field holds: one, a list, or a string-keyed map (repeated key=1/value=2 entry messages on the wire).</summary>
internal enum FieldShape
{
    Single,
    Repeated,
    Map,
}
