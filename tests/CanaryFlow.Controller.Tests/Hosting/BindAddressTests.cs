using System.Net;
using CanaryFlow.Controller.Hosting;

namespace CanaryFlow.Controller.Tests.Hosting;

public sealed class BindAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData(":8081", "0.0.0.0:8081")]
    [InlineData("localhost:0", "127.0.0.1:0")]
    [InlineData("[::1]:9090", "[::1]:9090")]
    public void Addresses_parse_the_way_controllers_spell_them(string text, string expected) =>
        Assert.Equal(IPEndPoint.Parse(expected), BindAddress.Parse(text, "--flag"));

    [Fact]
    public void Zero_turns_the_endpoint_off() => Assert.Null(BindAddress.Parse("0", "--flag"));

    [Theory]
    [InlineData("8080")]
    [InlineData("host:99999")]
    [InlineData("example.com:80")]
    public void Bad_addresses_name_the_flag(string text)
    {
        var error = Assert.Throws<FormatException>(() => BindAddress.Parse(text, "--metrics-bind-address"));
        Assert.StartsWith("--metrics-bind-address:", error.Message, StringComparison.Ordinal);
    }
}
