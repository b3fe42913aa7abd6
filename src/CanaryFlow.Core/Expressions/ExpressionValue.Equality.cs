namespace CanaryFlow.Core.Expressions;

public sealed partial class ExpressionValue : IEquatable<ExpressionValue>
{
    public static bool operator ==(ExpressionValue? left, ExpressionValue? right) => Equals(left, right);

    public static bool operator !=(ExpressionValue? left, ExpressionValue? right) => !Equals(left, right);

    public bool Equals(ExpressionValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            ExpressionValueKind.Nil => true,
            ExpressionValueKind.Bool => _boolean == other._boolean,
            ExpressionValueKind.Number => _number.Equals(other._number),
            ExpressionValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
            ExpressionValueKind.List => _list.SequenceEqual(other._list),
            _ => _map!.Count == other._map!.Count
                && _map.All(field => other._map.TryGetValue(field.Key, out var value) && field.Value.Equals(value)),
        };
    }

    public override bool Equals(object? obj) => obj is ExpressionValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ExpressionValueKind.Nil => 0,
        ExpressionValueKind.Bool => _boolean.GetHashCode(),
        ExpressionValueKind.Number => _number.GetHashCode(),
        ExpressionValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        // The count and the first element are enough to spread values without walking big ones.
        ExpressionValueKind.List => HashCode.Combine(Kind, _list.Length, _list.IsEmpty ? 0 : _list[0].GetHashCode()),
        _ => HashCode.Combine(Kind, _map!.Count),
    };
}
