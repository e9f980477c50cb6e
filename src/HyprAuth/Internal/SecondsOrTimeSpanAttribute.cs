using System.Globalization;

namespace HyprAuth.Internal;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds: PowerShell would otherwise bind a bare 30 as 30 ticks
/// (3 microseconds). A TimeSpan, or text such as '00:01:00', binds as usual.
/// </summary>
internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            int seconds => TimeSpan.FromSeconds(seconds),
            long seconds => TimeSpan.FromSeconds(seconds),
            double seconds when !double.IsNaN(seconds) && !double.IsInfinity(seconds) => TimeSpan.FromSeconds(seconds),
            decimal seconds => TimeSpan.FromSeconds((double)seconds),
            string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) =>
                TimeSpan.FromSeconds(seconds),
            _ => inputData,
        };
}
