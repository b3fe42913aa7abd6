using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// anyOf, oneOf, allOf and not. Their own failures are not kube-openapi validation errors, so apiextensions reports them
/// on the caller's field (<c>&lt;nil&gt;</c> at a resource root) with an empty bad value, next to the errors of the best
/// failing branch.
/// </summary>
/// <remarks>
/// kube-openapi picks the best failing branch by the number of checks that passed; this picks the branch with the
/// fewest errors, earlier branches winning ties, which agrees for the usual int-or-string and one-required-field shapes.
/// </remarks>
internal sealed partial class SchemaValidationRun
{
    private void CheckJunctors(JsonNode? value, StructuralSchema schema, List<FieldError> sink)
    {
        if (schema.AnyOf.Count > 0)
        {
            List<FieldError>? best = null;
            var matched = false;
            foreach (var branch in schema.AnyOf)
            {
                var errors = ValidateBranch(value, branch);
                if (errors.Count == 0)
                {
                    matched = true;
                    break;
                }

                if (best is null || errors.Count < best.Count)
                {
                    best = errors;
                }
            }

            if (!matched)
            {
                AddJunctorFailure(sink, "must validate at least one schema (anyOf)");
                sink.AddRange(best!);
            }
        }

        if (schema.OneOf.Count > 0)
        {
            List<FieldError>? best = null;
            var valid = 0;
            foreach (var branch in schema.OneOf)
            {
                var errors = ValidateBranch(value, branch);
                if (errors.Count == 0)
                {
                    valid++;
                    best = null;
                }
                else if (valid == 0 && (best is null || errors.Count < best.Count))
                {
                    best = errors;
                }
            }

            if (valid != 1)
            {
                var found = valid == 0 ? "Found none valid" : "Found " + valid.ToString(CultureInfo.InvariantCulture) + " valid alternatives";
                AddJunctorFailure(sink, "must validate one and only one schema (oneOf). " + found);
                if (best is not null)
                {
                    sink.AddRange(best);
                }
            }
        }

        if (schema.AllOf.Count > 0)
        {
            var valid = 0;
            foreach (var branch in schema.AllOf)
            {
                var errors = ValidateBranch(value, branch);
                valid += errors.Count == 0 ? 1 : 0;
                sink.AddRange(errors);
            }

            if (valid != schema.AllOf.Count)
            {
                AddJunctorFailure(sink, "must validate all the schemas (allOf)" + (valid == 0 ? ". None validated" : string.Empty));
            }
        }

        if (schema.Not is { } not && ValidateBranch(value, not).Count == 0)
        {
            AddJunctorFailure(sink, "must not validate the schema (not)");
        }
    }

    private List<FieldError> ValidateBranch(JsonNode? value, StructuralSchema branch)
    {
        var errors = new List<FieldError>();
        ValidateNode(value, branch, OldValue.None, structural: false, errors);
        return errors;
    }

    private void AddJunctorFailure(List<FieldError> sink, string message) =>
        sink.Add(FieldError.Invalid(_path.FieldOfName(string.Empty), JsonValue.Create(string.Empty),
            GoValueFormatter.Quote(_path.Name) + " " + message));
}
