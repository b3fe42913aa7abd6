namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>The comparisons a filter <c>[?(left op right)]</c> can make.</summary>
internal enum FilterComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
