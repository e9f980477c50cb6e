namespace HyprAuth.Core.Diagnostics;

/// <summary>
/// What the engine has to say while it works. Called from any thread; the cmdlets queue the calls
/// and write them from the pipeline thread. Texts never contain secrets.
/// </summary>
public interface IHyprEvents
{
    void Verbose(string message);

    void Warning(string message);

    void Progress(HyprProgress progress);
}
