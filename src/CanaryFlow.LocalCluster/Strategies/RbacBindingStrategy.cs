using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// rbac.authorization.k8s.io/v1 RoleBindings and ClusterRoleBindings: subjects get the apiGroup the real defaulting
/// gives them, subject kinds are checked, a ClusterRoleBinding's ServiceAccount subjects need a namespace, and
/// roleRef cannot change after create (a binding must be recreated to grant another role).
/// </summary>
public sealed class RbacBindingStrategy : ResourceStrategy
{
    private const string _rbacGroup = "rbac.authorization.k8s.io";
    private static readonly string[] _subjectKinds = ["ServiceAccount", "User", "Group"];

    private readonly bool _clusterScoped;

    private RbacBindingStrategy(bool clusterScoped) => _clusterScoped = clusterScoped;

    public static RbacBindingStrategy RoleBinding { get; } = new(clusterScoped: false);
    public static RbacBindingStrategy ClusterRoleBinding { get; } = new(clusterScoped: true);

    public override IReadOnlyList<string> ValidateName(string name) => NameRules.PathSegmentName(name);

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        foreach (var subject in obj.GetArray("subjects")?.OfType<JsonObject>() ?? [])
        {
            // SetDefaults_Subject: users and groups get the RBAC group, service accounts the core group, which
            // apiGroup's omitempty then leaves out of the stored JSON.
            if (subject.GetString("apiGroup") is null or "")
            {
                if (subject.GetString("kind") is "User" or "Group")
                {
                    subject["apiGroup"] = _rbacGroup;
                }
                else
                {
                    subject.Remove("apiGroup");
                }
            }
        }
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var subjects = obj.GetArray("subjects")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < subjects.Count; i++)
        {
            var kind = subjects[i].GetString("kind");
            if (kind is not null && !_subjectKinds.Contains(kind))
            {
                yield return FieldError.NotSupported($"subjects[{i}].kind", JsonValue.Create(kind), _subjectKinds);
            }

            if (_clusterScoped && kind == "ServiceAccount" && subjects[i].GetString("namespace") is null or "")
            {
                yield return FieldError.Required($"subjects[{i}].namespace", "");
            }
        }
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        foreach (var error in Validate(newObj, context))
        {
            yield return error;
        }

        if (!JsonNode.DeepEquals(newObj["roleRef"], oldObj["roleRef"]))
        {
            yield return FieldError.Invalid("roleRef", newObj["roleRef"]?.DeepClone(), "cannot change roleRef");
        }
    }
}
