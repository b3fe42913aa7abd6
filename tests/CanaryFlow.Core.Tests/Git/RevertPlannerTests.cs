using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Tests.Git;

public sealed class RevertPlannerTests
{
    private const string _stable = "1111111111111111111111111111111111111111";
    private const string _head = "3333333333333333333333333333333333333333";
    private const string _path = "apps/api/overlays/production";

    private static readonly RevertRequest _request = new("production", "api", "abc123", _stable, "main", _path, GitRevertMode.Commit,
        new RevertReason("success-rate", "0.81", "result[0] >= 0.95"));

    private static readonly GitTreeEntry _kustomizationV2 = new($"{_path}/kustomization.yaml", "100644", "aaaa");
    private static readonly GitTreeEntry _kustomizationV3 = new($"{_path}/kustomization.yaml", "100644", "bbbb");
    private static readonly GitTreeEntry _addedInV3 = new($"{_path}/new-patch.yaml", "100644", "cccc");
    private static readonly GitCommit _v3 = new(_head, [_stable], "Bump api to v3\n\nSigned-off-by: Dev <dev@example.com>\n");

    [Fact]
    public void Restores_changed_files_and_removes_files_added_since_the_stable_revision()
    {
        var decision = RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3, _addedInV3]));

        var commit = Assert.IsType<RevertDecision.MakeCommit>(decision);
        Assert.Equal(_head, commit.Parent);
        Assert.Equal("main", commit.TargetBranch);
        Assert.Equal([_kustomizationV2], commit.Changes.Writes);
        Assert.Equal([_addedInV3.Path], commit.Changes.Removals);
        Assert.Equal([_head], commit.RevertedCommits);
    }

    [Fact]
    public void The_message_names_the_rollout_the_stable_commit_the_canary_and_the_failed_measurement_with_trailers()
    {
        var commit = Assert.IsType<RevertDecision.MakeCommit>(RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3])));
        var message = new GitCommit("x", [], commit.Message);

        Assert.Equal("Revert production/api to 111111111111: canary abc123 aborted", message.Subject);
        Assert.Contains("Analysis metric success-rate failed: measured 0.81 against result[0] >= 0.95.", commit.Message, StringComparison.Ordinal);
        Assert.Contains("333333333333 Bump api to v3", commit.Message, StringComparison.Ordinal);
        Assert.Equal("production/api", message.Trailers.Value(RevertTrailers.Rollout));
        Assert.Equal("abc123", message.Trailers.Value(RevertTrailers.AbortedTemplate));
        Assert.Equal(_stable, message.Trailers.Value(RevertTrailers.Restores));
        Assert.Equal([_head], message.Trailers.Values(RevertTrailers.Reverts));
        Assert.True(RevertTrailers.IsRevertOf(message, _request));
    }

    [Fact]
    public void Branch_mode_targets_a_review_branch_named_after_the_rollout_and_the_hash()
    {
        var decision = RevertPlanner.Decide(_request with { Mode = GitRevertMode.Branch }, Observe(head: [_kustomizationV3]));

        Assert.Equal("canaryflow/revert/production-api-abc123", Assert.IsType<RevertDecision.MakeCommit>(decision).TargetBranch);
    }

    [Fact]
    public void None_mode_makes_no_commit()
    {
        Assert.IsType<RevertDecision.NotNeeded>(RevertPlanner.Decide(_request with { Mode = GitRevertMode.None }, Observe(head: [_kustomizationV3])));
    }

    [Fact]
    public void An_existing_revert_found_by_its_trailers_is_reported_and_not_repeated()
    {
        var first = Assert.IsType<RevertDecision.MakeCommit>(RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3])));
        var pushed = new GitCommit("4444444444444444444444444444444444444444", [_head], first.Message);

        // After the push HEAD is fixed: the restarted run must still recognise its own commit, not report "not needed".
        var decision = RevertPlanner.Decide(_request, Observe(head: [_kustomizationV2], candidates: [pushed], yieldsAborted: false));

        Assert.Equal(pushed.Sha, Assert.IsType<RevertDecision.AlreadyReverted>(decision).Commit);
    }

    [Fact]
    public void A_revert_of_another_template_or_rollout_does_not_count_as_this_revert()
    {
        var other = new GitCommit("5555", [_head], RevertCommitMessage.Build(_request with { AbortedHash = "zzz999" }, []));
        var otherRollout = new GitCommit("6666", [_head], RevertCommitMessage.Build(_request with { Name = "web" }, []));

        var decision = RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3], candidates: [other, otherRollout]));

        Assert.IsType<RevertDecision.MakeCommit>(decision);
    }

    [Fact]
    public void Head_that_no_longer_yields_the_aborted_template_is_left_alone()
    {
        var decision = RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3], yieldsAborted: false));

        Assert.Contains("no longer yields template abc123", Assert.IsType<RevertDecision.NotNeeded>(decision).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_already_equal_to_the_stable_revision_at_the_path_makes_no_commit()
    {
        Assert.IsType<RevertDecision.NotNeeded>(RevertPlanner.Decide(_request, Observe(head: [_kustomizationV2])));
    }

    [Fact]
    public void A_change_that_includes_a_canaryflow_revert_is_never_reverted_automatically()
    {
        var earlierRevert = new GitCommit("7777", [_stable], RevertCommitMessage.Build(_request with { AbortedHash = "old111" }, []));

        var decision = RevertPlanner.Decide(_request, Observe(head: [_kustomizationV3], changes: [_v3, earlierRevert]));

        Assert.Contains("7777", Assert.IsType<RevertDecision.Refused>(decision).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mode_change_alone_counts_as_a_difference()
    {
        var executable = _kustomizationV2 with { Mode = "100755" };

        var commit = Assert.IsType<RevertDecision.MakeCommit>(RevertPlanner.Decide(_request, Observe(head: [executable])));

        Assert.Equal([_kustomizationV2], commit.Changes.Writes);
    }

    [Theory]
    [InlineData(null, GitRevertMode.Commit)]
    [InlineData("commit", GitRevertMode.Commit)]
    [InlineData("branch", GitRevertMode.Branch)]
    [InlineData("none", GitRevertMode.None)]
    public void Revert_modes_parse_from_the_spec(string? value, GitRevertMode expected) => Assert.Equal(expected, GitRevertModes.Parse(value));

    private static RevertObservation Observe(
        IReadOnlyList<GitTreeEntry> head,
        IReadOnlyList<GitCommit>? candidates = null,
        IReadOnlyList<GitCommit>? changes = null,
        bool yieldsAborted = true) =>
        new(_head, [_kustomizationV2], head, changes ?? [_v3], candidates ?? [_v3], yieldsAborted);
}
