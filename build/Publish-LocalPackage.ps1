<#
.SYNOPSIS
    Packs the built module into the .nupkg PowerShell Gallery takes, by publishing it to a local file repository.
    Uses PSResourceGet (shipped with PowerShell 7.4+); the temporary repository registration is removed afterwards.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath
)
$ErrorActionPreference = 'Stop'
$name = 'HyprAuthBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}
