using System.Net.Http.Headers;
using CanaryFlow.Kubernetes.Config;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class TokenFileAuthenticationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_token_is_the_trimmed_file_content()
    {
        var path = _directory.Write("token", "  first-token\n");

        var header = await new TokenFileAuthentication(path, _clock).GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal(new AuthenticationHeaderValue("Bearer", "first-token"), header);
    }

    [Fact]
    public async Task The_file_is_not_re_read_before_a_minute_and_is_after()
    {
        var path = _directory.Write("token", "first-token");
        var authentication = new TokenFileAuthentication(path, _clock);
        Assert.Equal("first-token", await TokenAsync(authentication));

        File.WriteAllText(path, "second-token");
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("first-token", await TokenAsync(authentication));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("second-token", await TokenAsync(authentication));
    }

    [Fact]
    public async Task A_401_with_the_current_token_makes_the_next_call_re_read()
    {
        var path = _directory.Write("token", "first-token");
        var authentication = new TokenFileAuthentication(path, _clock);
        var used = await authentication.GetAuthorizationAsync(CancellationToken.None);
        File.WriteAllText(path, "second-token");

        authentication.OnUnauthorized(new AuthenticationHeaderValue("Bearer", "some-older-token"));
        Assert.Equal("first-token", await TokenAsync(authentication));

        authentication.OnUnauthorized(used);
        Assert.Equal("second-token", await TokenAsync(authentication));
    }

    [Fact]
    public async Task The_last_good_token_is_kept_while_the_file_is_missing()
    {
        var path = _directory.Write("token", "first-token");
        var authentication = new TokenFileAuthentication(path, _clock);
        var used = await authentication.GetAuthorizationAsync(CancellationToken.None);

        File.Delete(path);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("first-token", await TokenAsync(authentication));
        authentication.OnUnauthorized(used);
        Assert.Equal("first-token", await TokenAsync(authentication));

        File.WriteAllText(path, "\n");
        Assert.Equal("first-token", await TokenAsync(authentication));

        File.WriteAllText(path, "rotated-token");
        Assert.Equal("rotated-token", await TokenAsync(authentication));
    }

    [Fact]
    public async Task The_fallback_token_is_used_until_the_file_can_be_read()
    {
        var path = _directory.Combine("token");
        var authentication = new TokenFileAuthentication(path, _clock, fallbackToken: "inline-token");

        Assert.Equal("inline-token", await TokenAsync(authentication));

        File.WriteAllText(path, "file-token");
        Assert.Equal("file-token", await TokenAsync(authentication));
    }

    [Fact]
    public async Task Without_any_token_the_error_names_the_file()
    {
        var path = _directory.Combine("token");
        var authentication = new TokenFileAuthentication(path, _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => authentication.GetAuthorizationAsync(CancellationToken.None).AsTask());

        Assert.StartsWith($"token file {path}: cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> TokenAsync(IAuthenticationProvider authentication) =>
        (await authentication.GetAuthorizationAsync(CancellationToken.None))?.Parameter;
}
