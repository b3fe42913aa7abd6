using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class EventNameGeneratorTests
{
    private static readonly DateTimeOffset _at = new(2026, 8, 21, 10, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Names_are_the_regarding_name_and_the_hex_of_unix_nanoseconds()
    {
        var name = new EventNameGenerator().Next("web", _at);
        Assert.Equal("web." + ((_at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString("x", System.Globalization.CultureInfo.InvariantCulture), name);
    }

    [Fact]
    public void The_same_instant_twice_gives_two_names()
    {
        var names = new EventNameGenerator();
        var first = names.Next("web", _at);
        var second = names.Next("web", _at);
        var earlier = names.Next("web", _at.AddSeconds(-1));
        Assert.Equal(3, new[] { first, second, earlier }.Distinct().Count());
    }

    [Theory]
    [InlineData("system:controller:canary")]
    [InlineData("Web")]
    public void A_name_that_is_not_a_dns_subdomain_becomes_a_uuid(string regardingName)
    {
        var name = new EventNameGenerator().Next(regardingName, _at);
        Assert.True(Guid.TryParse(name, out _));
    }

    [Fact]
    public void A_name_too_long_with_the_suffix_becomes_a_uuid()
    {
        var name = new EventNameGenerator().Next(new string('a', 240), _at);
        Assert.True(Guid.TryParse(name, out _));
    }
}
