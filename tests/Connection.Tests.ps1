# Connect-Hypr, Get-HyprContext, Disconnect-Hypr and -Connection on the built module, against the emulator: how a
# script or a scheduled task connects. The emulator's per-client exchange counter is the evidence of what was sent;
# each test has clients of its own, so the counts speak for that test alone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:invokeApi = 'HyprAuth.Commands.InvokeHyprApiCommand'
    $script:connect = 'HyprAuth.Commands.ConnectHyprCommand'
    $script:variables = 'HYPR_TENANT_URI', 'HYPR_CLIENT_ID', 'HYPR_CLIENT_KEY', 'HYPR_CLIENT_KEY_PATH', 'HYPR_TOKEN_CACHE'

    function New-Client { New-EmulatorClient $emulator @{} }

    function Get-Exchanges($Client) { Get-EmulatorCount $emulator exchanges $Client.clientId }

    # Every way a connection can be shown or saved, as one text to search for secrets.
    function Get-ShownText($Connection) {
        $clixml = Join-Path $TestDrive ('connection-{0}.xml' -f [guid]::NewGuid().ToString('N'))
        $Connection | Export-Clixml -LiteralPath $clixml
        ($Connection | Out-String -Width 4096) + ($Connection | Format-List * -Force | Out-String -Width 4096) +
            ($Connection | Format-Table * -Force | Out-String -Width 4096) + ($Connection | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) +
            $Connection.ToString() + "$Connection" + (Get-Content -LiteralPath $clixml -Raw)
    }

    # Runs a script in a new runspace of this process with the module imported; returns its output and its ErrorIds.
    function Invoke-InNewRunspace([string] $Script, [object[]] $Arguments = @()) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest) Import-Module $Manifest').AddArgument($manifest).AddStatement()
            $null = $shell.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            $output = $shell.Invoke()
            [pscustomobject]@{ Output = @($output); ErrorIds = @($shell.Streams.Error | ForEach-Object FullyQualifiedErrorId) }
        }
        finally { $shell.Dispose() }
    }

    function Clear-HyprVariables { foreach ($name in $variables) { Remove-Item -LiteralPath "Env:$name" -ErrorAction SilentlyContinue } }
}

AfterAll {
    Disconnect-Hypr
    Stop-HyprEmulator $emulator
}

Describe 'Connect-Hypr' {
    It 'prints nothing and makes exactly one exchange; a second Connect-Hypr for the client makes none' {
        $client = New-Client
        $shown = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey *>&1
        $shown | Should -BeNullOrEmpty
        Get-Exchanges $client | Should -Be 1
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey (ConvertTo-SecureString $client.clientKey -AsPlainText -Force) *>&1 |
            Should -BeNullOrEmpty
        Get-Exchanges $client | Should -Be 1
    }

    It 'makes the connection Invoke-HyprApi uses when it is given no token, with no further exchange' {
        $client = New-Client
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        (Invoke-HyprApi -Path /rp/api/echo/connected).path | Should -BeExactly '/rp/api/echo/connected'
        (Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect).rpAppId | Should -BeExactly 'HYPRDefaultApplication'
        Get-Exchanges $client | Should -Be 1
        (Get-HyprContext).ClientId | Should -BeExactly $client.clientId
    }

    It 'returns the connection with -PassThru: the client, where its key came from, the token''s expiry and scope' {
        $client = New-Client
        $keyFile = Join-Path $TestDrive 'passthru.key'
        Set-Content -LiteralPath $keyFile -Value $client.clientKey -NoNewline
        Set-KeyFileOwnerOnly $keyFile
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -KeyPath $keyFile -PassThru
        $connection | Should -BeOfType ([HyprAuth.HyprConnection])
        $connection.TenantUri | Should -Be ([uri]$tenant)
        $connection.ClientId | Should -BeExactly $client.clientId
        $connection.KeySource | Should -Be ([HyprAuth.HyprKeySource]::File)
        $connection.KeyPath | Should -BeExactly $keyFile
        $connection.KeyThumbprint | Should -BeExactly (New-HyprClientAssertion $client.clientId $client.clientKey).KeyId
        $connection.KeyId | Should -BeExactly $connection.KeyThumbprint
        $connection.TokenCache | Should -Be ([HyprAuth.HyprTokenCacheLocation]::Process)
        $entry = Get-HyprTokenCache -ClientId $client.clientId -Location Process
        $connection.TokenExpiresOn | Should -Be $entry.ExpiresOn
        $connection.Scope | Should -Be $entry.Scope
        $connection.ConnectedAt | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow)
        Get-HyprContext | Should -Be $connection
    }

    It 'shows no secret in the -PassThru object: not in its views, Format-List *, JSON, ToString or Export-Clixml' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -PassThru
        $token = Get-TokenValue (Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey)
        $text = Get-ShownText $connection
        $text | Should -Match ([regex]::Escape($client.clientId)) -Because 'the search covers what is shown'
        $text.Contains($client.clientKey) | Should -BeFalse
        $text.Contains($token) | Should -BeFalse
        $text | Should -Not -Match 'hypap-[0-9a-f]{8}-'
        Get-Exchanges $client | Should -Be 1
    }

    It 'fails the Connect, not the first API call, when the key is bad or the client unknown; no connection is made' {
        Disconnect-Hypr
        $client = New-Client
        $stranger = New-Client
        { Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey ($client.clientKey.Substring(0, 60) + '!' +
            $client.clientKey.Substring(61)) } |
            Should -Throw -ErrorId "ClientKeyNotBase64,$connect"
        { Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $stranger.clientKey } |
            Should -Throw -ErrorId "HyprInvalidTokenExchange,$connect"
        Get-HyprContext | Should -BeNullOrEmpty
        Get-Exchanges $client | Should -Be 0
    }
}

Describe 'Connect-Hypr -EnvironmentVariable' {
    BeforeEach { Clear-HyprVariables }
    AfterAll { Clear-HyprVariables }

    It 'connects from HYPR_TENANT_URI, HYPR_CLIENT_ID and HYPR_CLIENT_KEY, and shows the key nowhere' {
        $client = New-Client
        $env:HYPR_TENANT_URI = $tenant
        $env:HYPR_CLIENT_ID = $client.clientId
        $env:HYPR_CLIENT_KEY = $client.clientKey
        $all = Connect-Hypr -EnvironmentVariable -PassThru -Verbose 4>&1
        $connection = $all | Where-Object { $_ -is [HyprAuth.HyprConnection] }
        $connection.KeySource | Should -Be ([HyprAuth.HyprKeySource]::Environment)
        $connection.KeyPath | Should -BeNullOrEmpty
        ((Get-ShownText $connection) + ($all | Out-String -Width 4096)).Contains($client.clientKey) | Should -BeFalse
        (Invoke-HyprApi -Path /rp/api/echo/from-environment).path | Should -BeExactly '/rp/api/echo/from-environment'
        Get-Exchanges $client | Should -Be 1
    }

    It 'reads the key file of HYPR_CLIENT_KEY_PATH and the cache of HYPR_TOKEN_CACHE' {
        $client = New-Client
        $keyFile = Join-Path $TestDrive 'environment.key'
        Set-Content -LiteralPath $keyFile -Value $client.clientKey -NoNewline
        Set-KeyFileOwnerOnly $keyFile
        $env:HYPR_TENANT_URI = $tenant
        $env:HYPR_CLIENT_ID = $client.clientId
        $env:HYPR_CLIENT_KEY_PATH = $keyFile
        $env:HYPR_TOKEN_CACHE = 'CurrentUser'
        $connection = Connect-Hypr -EnvironmentVariable -PassThru
        $connection.KeySource | Should -Be ([HyprAuth.HyprKeySource]::File)
        $connection.KeyPath | Should -BeExactly $keyFile
        $connection.TokenCache | Should -Be ([HyprAuth.HyprTokenCacheLocation]::CurrentUser)
        @(Get-HyprTokenCache -ClientId $client.clientId -Location CurrentUser).Count | Should -Be 1
        Disconnect-Hypr
    }

    It 'names the missing variable: <Missing>' -ForEach @(
        @{ Missing = 'HYPR_TENANT_URI' }, @{ Missing = 'HYPR_CLIENT_ID' }, @{ Missing = 'HYPR_CLIENT_KEY or HYPR_CLIENT_KEY_PATH' }
    ) {
        $client = New-Client
        $values = @{ HYPR_TENANT_URI = $tenant; HYPR_CLIENT_ID = $client.clientId; HYPR_CLIENT_KEY = $client.clientKey }
        foreach ($name in $values.Keys) { if ($Missing -notlike "$name*") { Set-Item -LiteralPath "Env:$name" -Value $values[$name] } }
        $failure = { Connect-Hypr -EnvironmentVariable } | Should -Throw -ErrorId "EnvironmentVariableMissing,$connect" -PassThru
        $failure.Exception.Message | Should -Match ([regex]::Escape($Missing))
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-ErrorText $failure).Contains($client.clientKey) | Should -BeFalse
        Get-Exchanges $client | Should -Be 0
    }

    It 'fails with the key''s ErrorId for a bad key in HYPR_CLIENT_KEY, without showing it' {
        $client = New-Client
        $env:HYPR_TENANT_URI = $tenant
        $env:HYPR_CLIENT_ID = $client.clientId
        $env:HYPR_CLIENT_KEY = $client.clientKey.Substring(0, $client.clientKey.Length - 8)
        $failure = { Connect-Hypr -EnvironmentVariable } | Should -Throw -ErrorId "ClientKeyMalformed,$connect" -PassThru
        (Get-ErrorText $failure).Contains($env:HYPR_CLIENT_KEY) | Should -BeFalse
        Get-Exchanges $client | Should -Be 0
    }

    It 'refuses HYPR_CLIENT_KEY and HYPR_CLIENT_KEY_PATH together, and a HYPR_TOKEN_CACHE it does not know' {
        $client = New-Client
        $env:HYPR_TENANT_URI = $tenant
        $env:HYPR_CLIENT_ID = $client.clientId
        $env:HYPR_CLIENT_KEY = $client.clientKey
        $env:HYPR_CLIENT_KEY_PATH = Join-Path $TestDrive 'any.key'
        { Connect-Hypr -EnvironmentVariable } | Should -Throw -ErrorId "EnvironmentVariableInvalid,$connect"
        Remove-Item Env:HYPR_CLIENT_KEY_PATH
        $env:HYPR_TOKEN_CACHE = 'Disk'
        { Connect-Hypr -EnvironmentVariable } | Should -Throw -ErrorId "EnvironmentVariableInvalid,$connect"
        Get-Exchanges $client | Should -Be 0
    }
}

Describe '-Connection in other runspaces of the process' {
    It 'serves 8 ForEach-Object -Parallel runspaces with one exchange in all' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -PassThru
        $paths = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            (Invoke-HyprApi -Path "/rp/api/echo/parallel-$_" -Connection $using:connection -ErrorAction Stop).path
        }
        $paths | Sort-Object | Should -Be (1..8 | ForEach-Object { "/rp/api/echo/parallel-$_" } | Sort-Object)
        Get-Exchanges $client | Should -Be 1
    }

    It 'is never borrowed implicitly: a parallel runspace without -Connection gets NoConnection' {
        $client = New-Client
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        # One line per runspace: the two runspaces' outputs interleave in any order.
        $ids = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            $id = try { Invoke-HyprApi -Path /rp/api/echo -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            "$id $(@(Get-HyprContext).Count)"
        }
        $ids | Should -Be @("NoConnection,$invokeApi 0", "NoConnection,$invokeApi 0")
    }

    It 'serves a thread job the same way' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -PassThru
        $job = Start-ThreadJob -ArgumentList $manifest, $connection -ScriptBlock {
            param($Manifest, $Connection)
            Import-Module $Manifest
            (Invoke-HyprApi -Path /rp/api/echo/thread-job -Connection $Connection).path
        }
        $job | Wait-Job -Timeout 60 | Receive-Job | Should -BeExactly '/rp/api/echo/thread-job'
        $job | Remove-Job -Force
        Get-Exchanges $client | Should -Be 1
    }
}

Describe 'A separate process' {
    It 'connects again, and with -TokenCache CurrentUser reuses the token this process left on disk: no exchange' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser -PassThru
        $child = Invoke-ChildPowerShell -Script '
            $ErrorActionPreference = "Stop"
            Import-Module $env:HYPRAUTH_MODULE_MANIFEST
            $before = @(Get-HyprContext).Count
            $connection = Connect-Hypr -EnvironmentVariable -PassThru
            [ordered]@{
                Before = $before
                ClientId = $connection.ClientId
                TokenCache = "$($connection.TokenCache)"
                ExpiresOn = $connection.TokenExpiresOn.ToUnixTimeSeconds()
            } | ConvertTo-Json -Compress' -Environment @{
            HYPRAUTH_MODULE_MANIFEST = $manifest
            HYPR_TENANT_URI = $tenant
            HYPR_CLIENT_ID = $client.clientId
            HYPR_CLIENT_KEY = $client.clientKey
            HYPR_TOKEN_CACHE = 'CurrentUser'
        }
        $child.Before | Should -Be 0 -Because 'a new process starts without a connection'
        $child.ClientId | Should -BeExactly $client.clientId
        $child.TokenCache | Should -BeExactly 'CurrentUser'
        $child.ExpiresOn | Should -Be $connection.TokenExpiresOn.ToUnixTimeSeconds() -Because 'it is the same token'
        Get-Exchanges $client | Should -Be 1
        Disconnect-Hypr
    }
}

Describe 'Get-HyprContext' {
    It 'returns nothing, and no error, when the runspace has no connection' {
        $run = Invoke-InNewRunspace '@(Get-HyprContext).Count'
        $run.Output | Should -Be @(0)
        $run.ErrorIds | Should -BeNullOrEmpty
    }

    It 'stays empty after Get-HyprAccessToken: a token is not a connection' {
        $client = New-Client
        $run = Invoke-InNewRunspace '
            param($Tenant, $Id, $Key)
            $token = Get-HyprAccessToken -TenantUri $Tenant -ClientId $Id -ClientKey $Key
            $token.ClientId
            @(Get-HyprContext).Count
            try { Invoke-HyprApi -Path /rp/api/echo -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }' @(
            $tenant, $client.clientId, $client.clientKey)
        $run.Output | Should -Be @($client.clientId, 0, "NoConnection,$invokeApi")
    }
}

Describe 'Disconnect-Hypr' {
    It 'ends the connection: Invoke-HyprApi then fails with NoConnection, whose message says to run Connect-Hypr' {
        $client = New-Client
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        Disconnect-Hypr *>&1 | Should -BeNullOrEmpty
        Get-HyprContext | Should -BeNullOrEmpty
        $failure = { Invoke-HyprApi -Path /rp/api/echo } | Should -Throw -ErrorId "NoConnection,$invokeApi" -PassThru
        $failure.Exception.Message | Should -Match 'Connect-Hypr'
        @(Get-HyprTokenCache -ClientId $client.clientId -Location Process).Count | Should -Be 0
    }

    It 'removes the client''s entries from memory and, for a CurrentUser connection, from disk' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser -PassThru
        $other = New-Client
        Connect-Hypr -TenantUri $tenant -ClientId $other.clientId -ClientKey $other.clientKey -TokenCache CurrentUser
        (Get-HyprTokenCache -ClientId $client.clientId).Location | Sort-Object | Should -Be @('Process', 'CurrentUser')

        Disconnect-Hypr -Connection $connection -PassThru | Should -Be $connection
        Get-HyprTokenCache -ClientId $client.clientId | Should -BeNullOrEmpty
        @(Get-HyprTokenCache -ClientId $other.clientId).Count | Should -Be 2 -Because 'only that client''s entries go'
        (Get-HyprContext).ClientId | Should -BeExactly $other.clientId -Because 'the runspace''s connection was another'
        Disconnect-Hypr
        Get-HyprTokenCache -ClientId $other.clientId | Should -BeNullOrEmpty
    }

    It 'refuses a disconnected connection passed with -Connection, before any request' {
        $client = New-Client
        $connection = Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -PassThru
        Disconnect-Hypr -Connection $connection
        $before = Get-EmulatorRequestTotal $emulator
        { Invoke-HyprApi -Path /rp/api/echo -Connection $connection } | Should -Throw -ErrorId "NoConnection,$invokeApi"
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }

    It 'with -WhatIf changes nothing, and without a connection does nothing' {
        $client = New-Client
        # In a runspace without a host, so the "What if:" line does not reach the test log.
        $run = Invoke-InNewRunspace '
            param($Tenant, $Id, $Key)
            Connect-Hypr -TenantUri $Tenant -ClientId $Id -ClientKey $Key
            Disconnect-Hypr -WhatIf
            (Get-HyprContext).ClientId
            @(Get-HyprTokenCache -ClientId $Id -Location Process).Count
            Disconnect-Hypr
            Disconnect-Hypr
            @(Get-HyprContext).Count' @($tenant, $client.clientId, $client.clientKey)
        $run.Output | Should -Be @($client.clientId, 1, 0)
        $run.ErrorIds | Should -BeNullOrEmpty
    }
}

Describe 'Key files that others can read, checked as ssh checks private keys' {
    BeforeAll {
        function New-KeyFile([string] $Name, $Client) {
            $path = Join-Path $TestDrive $Name
            Set-Content -LiteralPath $path -Value $Client.clientKey -NoNewline
            return $path
        }
    }

    It 'warns about a 0644 key file, naming it and the fix, and still connects; a 0600 one gets no warning' -Skip:$IsWindows {
        $client = New-Client
        $open = New-KeyFile 'open.key' $client
        chmod 644 $open
        $warnings = $null
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -KeyPath $open -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match ([regex]::Escape("'$open'"))
        $warnings[0].Message | Should -Match 'mode 0644'
        $warnings[0].Message | Should -Match 'chmod 600'
        (Get-HyprContext).ClientId | Should -BeExactly $client.clientId

        $closed = New-KeyFile 'closed.key' $client
        Set-KeyFileOwnerOnly $closed
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -KeyPath $closed -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
        Get-Exchanges $client | Should -Be 1
    }

    It 'warns about a group-readable key file in HYPR_CLIENT_KEY_PATH and with Get-HyprAccessToken -KeyPath' -Skip:$IsWindows {
        $client = New-Client
        $group = New-KeyFile 'group.key' $client
        chmod 640 $group
        try {
            $env:HYPR_TENANT_URI = $tenant; $env:HYPR_CLIENT_ID = $client.clientId; $env:HYPR_CLIENT_KEY_PATH = $group
            Connect-Hypr -EnvironmentVariable -WarningVariable fromEnvironment -WarningAction SilentlyContinue
        }
        finally { Clear-HyprVariables }
        $null = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $group -WarningVariable fromToken `
            -WarningAction SilentlyContinue
        $fromEnvironment.Count | Should -Be 1
        $fromEnvironment[0].Message | Should -Match 'mode 0640'
        $fromToken.Count | Should -Be 1
    }

    It 'warns about a key file whose ACL lets Users read it' -Tag Windows -Skip:(-not $IsWindows) {
        $client = New-Client
        $open = New-KeyFile 'users.key' $client
        $acl = Get-Acl -LiteralPath $open
        $users = [System.Security.Principal.SecurityIdentifier]::new('S-1-5-32-545')
        $acl.AddAccessRule([System.Security.AccessControl.FileSystemAccessRule]::new($users, 'Read', 'Allow'))
        Set-Acl -LiteralPath $open -AclObject $acl
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -KeyPath $open -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match 'Users'
        $warnings[0].Message | Should -Match 'icacls'
    }
}
