using CanaryFlow.Controller.Git;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>What a Git failure says in a condition, an Event or a log line: the cause, never a credential.</summary>
public sealed class GitFailureTests
{
    [Fact]
    public void User_info_git_echoes_from_a_url_is_dropped()
    {
        var failure = new GitCommandException("fetch", 128, "fatal: unable to access 'https://bot:ghp_T0ken@git.example/org/config.git/': The requested URL returned error: 403\n");

        var described = GitFailure.Describe(failure);

        Assert.DoesNotContain("ghp_T0ken", described, StringComparison.Ordinal);
        Assert.DoesNotContain("bot:", described, StringComparison.Ordinal);
        Assert.Contains("'https://git.example/org/config.git/'", described, StringComparison.Ordinal);
        Assert.Contains("403", described, StringComparison.Ordinal);
        Assert.Equal("GitAuthenticationFailed", GitFailure.ReasonOf(failure));
    }

    [Fact]
    public void A_message_without_user_info_is_kept_as_it_is()
    {
        var failure = new GitRevertException("branch main does not exist in git@git.example:org/config.git");

        Assert.Equal(failure.Message, GitFailure.Describe(failure));
    }
}
