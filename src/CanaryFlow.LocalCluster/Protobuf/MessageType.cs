namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>A message table: the fields of one protobuf message, listed in Go struct order, which is the order their JSON is written in.</summary>
internal sealed class MessageType
{
    private readonly Dictionary<int, int> _indexByNumber = [];

    public MessageType(string name, params MessageField[] fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var jsonNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            if (!_indexByNumber.TryAdd(fields[i].Number, i) || !jsonNames.Add(fields[i].JsonName))
            {
                throw new ArgumentException($"message {name} declares field {fields[i].Number} ({fields[i].JsonName}) twice", nameof(fields));
            }
        }

        Name = name;
        Fields = fields;
    }

    public string Name { get; }

    public IReadOnlyList<MessageField> Fields { get; }

    public bool TryGetFieldIndex(int number, out int index) => _indexByNumber.TryGetValue(number, out index);
}
