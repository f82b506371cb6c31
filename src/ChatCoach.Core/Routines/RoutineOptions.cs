using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Routines;

/// <summary>Settings of the routines area (section <c>Routines</c>).</summary>
public sealed class RoutineOptions
{
    public const string SectionName = "Routines";

    /// <summary>The exercise catalogue; relative paths are from the binary's directory, where data/ is shipped.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Routines:CatalogPath must name the exercise catalogue, e.g. \"data/exercises.json\".")]
    public string CatalogPath { get; set; } = Path.Combine("data", "exercises.json");

    public string FullCatalogPath => Path.GetFullPath(CatalogPath, AppContext.BaseDirectory);
}

/// <summary>
/// Checks at start that the catalogue file is there. It is parsed once, when the catalogue singleton is built
/// (<see cref="RoutineRegistration"/>), which reports a broken file the same way.
/// </summary>
internal sealed class CatalogValidator : IValidateOptions<RoutineOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutineOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CatalogPath))
        {
            return ValidateOptionsResult.Skip; // the data annotation reports it
        }

        return File.Exists(options.FullCatalogPath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Routines:CatalogPath: the exercise catalogue '{options.FullCatalogPath}' does not exist.");
    }
}
