namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Custom resources: generation tracks everything but metadata (and status when it is a subresource), updates
/// must carry a resourceVersion, and strategic merge patch is not available.
/// </summary>
public sealed class CustomResourceStrategy : ResourceStrategy
{
    private readonly bool _statusSubresource;

    private CustomResourceStrategy(bool statusSubresource) => _statusSubresource = statusSubresource;

    public static CustomResourceStrategy WithStatus { get; } = new(statusSubresource: true);
    public static CustomResourceStrategy WithoutStatus { get; } = new(statusSubresource: false);

    public override bool TracksGeneration => true;

    public override bool AllowUnconditionalUpdate => false;

    public override bool SupportsStrategicMergePatch => false;

    public override bool HasStatusSubresource => _statusSubresource;
}
