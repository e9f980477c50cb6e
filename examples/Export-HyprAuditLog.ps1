<#
.SYNOPSIS
    Appends HYPR's new audit events to a JSON-lines file, for a SIEM; run it every few minutes as a scheduled task.

.DESCRIPTION
    Each run exports only the events the previous runs did not: a checkpoint file next to the log remembers, per tenant
    and application, where the export stopped. Every line is one event exactly as HYPR sent it. A run that fails or is
    stopped loses nothing; the next run repeats at most one page of events, so a consumer that must never see a
    duplicate should drop lines whose "id" it has seen.

    Credentials: -KeyPath with -TenantUri and -ClientId, or the environment (HYPR_TENANT_URI, HYPR_CLIENT_ID and
    HYPR_CLIENT_KEY or HYPR_CLIENT_KEY_PATH), as Connect-Hypr -EnvironmentVariable reads it. The token is kept for the
    task's account (-TokenCache CurrentUser), so runs every few minutes reuse one token instead of hitting HYPR's
    limit on active tokens.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File Export-HyprAuditLog.ps1 -LogPath C:\HyprAudit\audit.jsonl -TenantUri https://highlandsbank.hypr.com -ClientId hypap-0a2c1e47c4b9dummy -KeyPath C:\HyprAuth\hypr-client.key
#>
[CmdletBinding()]
param(
    # The JSON-lines file the events are appended to (created if missing).
    [Parameter(Mandatory)] [string] $LogPath,
    # The checkpoint; by default next to the log, with the extension .checkpoint.
    [string] $CheckpointPath = [System.IO.Path]::ChangeExtension($LogPath, '.checkpoint'),
    # How far back the very first run starts.
    [TimeSpan] $FirstRunWindow = [TimeSpan]::FromDays(1),
    # Only these applications; by default every application of the tenant.
    [string[]] $RpAppId,
    [string] $TenantUri,
    [string] $ClientId,
    [string] $KeyPath,
    [HyprAuth.HyprTokenCacheLocation] $TokenCache = 'CurrentUser'
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module HyprAuth)) { Import-Module HyprAuth }

if ($KeyPath) {
    Connect-Hypr -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath -TokenCache $TokenCache
}
else {
    Connect-Hypr -EnvironmentVariable -TokenCache $TokenCache
}

$export = @{ Checkpoint = $CheckpointPath; Since = [DateTimeOffset]::UtcNow - $FirstRunWindow }
if ($RpAppId) { $export.RpAppId = $RpAppId }

# Each line is flushed before the next event is read: Get-HyprAuditEvent moves the checkpoint only after a whole page
# has gone down the pipeline, so the file always holds at least what the checkpoint says was exported.
$writer = [System.IO.StreamWriter]::new($LogPath, $true, [System.Text.UTF8Encoding]::new($false))
$count = 0
try {
    Get-HyprAuditEvent @export | ForEach-Object {
        $writer.WriteLine($_.ToJson())
        $writer.Flush()
        $count++
    }
}
finally {
    $writer.Dispose()
}

[pscustomobject]@{ Exported = $count; LogPath = $LogPath; CheckpointPath = $CheckpointPath }
