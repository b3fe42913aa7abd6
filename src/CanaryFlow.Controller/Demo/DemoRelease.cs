using System.Globalization;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// What a version of the storefront does. v3 is the release with the bug: a share of its requests fail with 503, the
/// kind of regression a canary exists to catch.
/// </summary>
public sealed record DemoRelease(string Version, double ErrorShare)
{
    public const double BuggyErrorShare = 0.3;

    public static DemoRelease For(string version) =>
        new(version, string.Equals(version, "v3", StringComparison.Ordinal) ? BuggyErrorShare : 0);

    /// <summary>The tag of a container image (<c>registry/app:v2</c> is v2), the version the kubelet stand-in runs.</summary>
    public static string VersionOfImage(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? image[(colon + 1)..] : "latest";
    }

    public override string ToString() => ErrorShare == 0
        ? Version
        : string.Create(CultureInfo.InvariantCulture, $"{Version} ({ErrorShare * 100:0}% errors)");
}
