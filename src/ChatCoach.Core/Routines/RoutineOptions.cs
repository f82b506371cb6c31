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

/// <summary>Loads the catalogue at start, so a missing or broken file stops the start with one line naming it.</summary>
internal sealed class CatalogValidator : IValidateOptions<RoutineOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutineOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CatalogPath))
        {
            return ValidateOptionsResult.Skip; // the data annotation reports it
        }

        try
        {
            _ = ExerciseCatalog.Load(options.FullCatalogPath);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidDataException ex)
        {
            return ValidateOptionsResult.Fail($"Routines:CatalogPath: {ex.Message}");
        }
    }
}
