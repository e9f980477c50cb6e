# The markdown-to-help converter (build/HelpConverter.psm1), on small pages written here: no built module needed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../build/HelpConverter.psm1') -Force

    # A cmdlet page in PlatyPS's schema, with the characters XML must escape in every kind of field.
    $script:SamplePage = @'
---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version: https://example.com/Get-Sample.md
schema: 2.0.0
---

# Get-Sample

## SYNOPSIS
Gets <samples> & "quoted" 'things'.

## SYNTAX

### ByName (Default)
```
Get-Sample [-Name] <String> [-Force] [<CommonParameters>]
```

### ById
```
Get-Sample -Id <Int32> [-Force] [<CommonParameters>]
```

## DESCRIPTION
The first paragraph
goes on here.

The second one has non-ASCII text: café — ünïcode.

## EXAMPLES

### Example 1: Get one sample
```powershell
Get-Sample -Name 'a&b' | Where-Object { $_.Size -lt 3 }
```

Gets the sample named a&b.

### Example 2: Get a sample by id
```powershell
Get-Sample -Id 42
```

Gets sample 42.

## PARAMETERS

### -Name
The name, with <angle> brackets.

```yaml
Type: String
Parameter Sets: ByName
Aliases: n, SampleName

Required: True
Position: 0
Default value: "<none>" & 'nothing'
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -Id
The id.

```yaml
Type: Int32
Parameter Sets: ById
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Force
Forces **it**, as `-Force:$true` or `'*-Sample:Force'` does; see [about_Sample](about_Sample.md), [the site](https://example.com/force) and *more*.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
A name.

## OUTPUTS

### Sample.Thing
A thing.

## NOTES
A note & more.

## RELATED LINKS

[Get-Other](Get-Other.md)

[Online help](https://example.com/help)
'@

    $script:SampleAbout = @'
---
external help file:
Module Name: Sample
online version:
schema: 2.0.0
---

# Sample

## about_Sample

## SHORT DESCRIPTION
A short description.

## LONG DESCRIPTION
A long paragraph that goes on and on, well past the eighty columns a console shows, so that it has to be wrapped onto several lines by the converter.

### A subsection
Plain text for Get-Help: `Get-Sample` and **bold** and *emphasis* lose their marks.

- First item of a list, long enough to be wrapped onto a second line with a hanging indent under the item.
- Second item.

```powershell
Get-Sample -Name 'x'
```

## SEE ALSO
- Get-Sample
'@

    function New-Docs([hashtable] $Pages) {
        # A fresh docs folder holding these pages; returns its path.
        $docs = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $docs | Out-Null
        foreach ($name in $Pages.Keys) {
            [System.IO.File]::WriteAllText((Join-Path $docs $name), $Pages[$name], (New-Object System.Text.UTF8Encoding($false)))
        }
        return $docs
    }

    $script:docs = New-Docs @{ 'Get-Sample.md' = $SamplePage; 'about_Sample.md' = $SampleAbout }
    $script:out = Join-Path $TestDrive 'out/en-US'
    $script:written = @(Export-HyprHelp -DocsPath $docs -OutputPath $out)
    $script:mamlPath = Join-Path $out 'Sample.dll-Help.xml'
    $script:maml = New-Object System.Xml.XmlDocument
    $maml.Load($mamlPath)
    $script:ns = New-Object System.Xml.XmlNamespaceManager($maml.NameTable)
    $ns.AddNamespace('msh', 'http://msh')
    $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $script:command = $maml.SelectSingleNode('/msh:helpItems/command:command', $ns)

    function Select-Text([string] $XPath) {
        return @($command.SelectNodes($XPath, $ns) | ForEach-Object { $_.InnerText })
    }
}

Describe 'Export-HyprHelp: MAML from a cmdlet page' {
    It 'writes the MAML file the front matter names and the about topic' {
        $written.Name | Sort-Object | Should -Be @('about_Sample.help.txt', 'Sample.dll-Help.xml')
    }

    It 'writes well-formed UTF-8 XML in the MAML schema PlatyPS writes' {
        $bytes = [System.IO.File]::ReadAllBytes($mamlPath)
        $bytes[0] | Should -Be ([byte][char]'<') -Because 'no byte order mark'
        $maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $maml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $maml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $command | Should -Not -BeNullOrEmpty
        $command.GetAttribute('xmlns:maml') | Should -Be 'http://schemas.microsoft.com/maml/2004/10'
        $command.GetAttribute('xmlns:dev') | Should -Be 'http://schemas.microsoft.com/maml/dev/2004/10'
        $command.GetAttribute('xmlns:command') | Should -Be 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    }

    It 'writes the name, verb, noun and synopsis' {
        Select-Text 'command:details/command:name' | Should -Be 'Get-Sample'
        Select-Text 'command:details/command:verb' | Should -Be 'Get'
        Select-Text 'command:details/command:noun' | Should -Be 'Sample'
        Select-Text 'command:details/maml:description/maml:para' | Should -Be @('Gets <samples> & "quoted" ''things''.')
    }

    It 'writes each description paragraph as a maml:para, its lines joined, non-ASCII text intact' {
        Select-Text 'maml:description/maml:para' |
            Should -Be @('The first paragraph goes on here.', 'The second one has non-ASCII text: café — ünïcode.')
    }

    It 'writes one syntax item per parameter set, with the parameters of that set, positional first' {
        $items = @($command.SelectNodes('command:syntax/command:syntaxItem', $ns))
        $items.Count | Should -Be 2
        @($items[0].SelectNodes('command:parameter/maml:name', $ns) | ForEach-Object InnerText) | Should -Be @('Name', 'Force')
        @($items[1].SelectNodes('command:parameter/maml:name', $ns) | ForEach-Object InnerText) | Should -Be @('Id', 'Force')
    }

    It 'shows a switch in the syntax without a value type, as PlatyPS does' {
        $force = $command.SelectSingleNode('command:syntax/command:syntaxItem/command:parameter[maml:name="Force"]', $ns)
        $force.SelectSingleNode('command:parameterValue', $ns) | Should -BeNullOrEmpty
        $force = $command.SelectSingleNode('command:parameters/command:parameter[maml:name="Force"]', $ns)
        $force.SelectSingleNode('command:parameterValue', $ns).GetAttribute('required') | Should -Be 'false'
    }

    It 'writes every parameter with its attributes, description, type and default value' -ForEach @(
        @{
            Name = 'Name'
            Required = 'true'
            Position = '0'
            Pipeline = 'True (ByPropertyName, ByValue)'
            Globbing = 'true'
            Aliases = 'n, SampleName'
            Type = 'String'
            Default = '"<none>" & ''nothing'''
            Description = 'The name, with <angle> brackets.'
        }
        @{
            Name = 'Id'
            Required = 'true'
            Position = 'named'
            Pipeline = 'True (ByPropertyName)'
            Globbing = 'false'
            Aliases = 'none'
            Type = 'Int32'
            Default = 'None'
            Description = 'The id.'
        }
        @{
            Name = 'Force'
            Required = 'false'
            Position = 'named'
            Pipeline = 'False'
            Globbing = 'false'
            Aliases = 'none'
            Type = 'SwitchParameter'
            Default = 'False'
            Description = 'Forces it, as -Force:$true or ''*-Sample:Force'' does; see about_Sample, the site (https://example.com/force) and more.'
        }
    ) {
        $parameter = $command.SelectSingleNode("command:parameters/command:parameter[maml:name='$Name']", $ns)
        $parameter | Should -Not -BeNullOrEmpty
        $parameter.GetAttribute('required') | Should -Be $Required
        $parameter.GetAttribute('position') | Should -Be $Position
        $parameter.GetAttribute('pipelineInput') | Should -Be $Pipeline
        $parameter.GetAttribute('globbing') | Should -Be $Globbing
        $parameter.GetAttribute('aliases') | Should -Be $Aliases
        $parameter.SelectSingleNode('maml:description/maml:para', $ns).InnerText | Should -Be $Description
        $parameter.SelectSingleNode('command:parameterValue', $ns).InnerText | Should -Be $Type
        $parameter.SelectSingleNode('dev:type/maml:name', $ns).InnerText | Should -Be $Type
        $parameter.SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be $Default
    }

    It 'does not list CommonParameters as a parameter' {
        Select-Text 'command:parameters/command:parameter/maml:name' | Should -Be @('Name', 'Id', 'Force')
    }

    It 'writes the examples with PlatyPS titles, the code as it is, and the remarks' {
        $examples = @($command.SelectNodes('command:examples/command:example', $ns))
        $examples.Count | Should -Be 2
        $examples[0].SelectSingleNode('maml:title', $ns).InnerText |
            Should -Be '-------------------------- Example 1: Get one sample --------------------------'
        $examples[0].SelectSingleNode('dev:code', $ns).InnerText | Should -Be 'Get-Sample -Name ''a&b'' | Where-Object { $_.Size -lt 3 }'
        $examples[0].SelectSingleNode('dev:remarks/maml:para', $ns).InnerText | Should -Be 'Gets the sample named a&b.'
    }

    It 'writes the inputs, outputs and notes' {
        Select-Text 'command:inputTypes/command:inputType/dev:type/maml:name' | Should -Be 'System.String'
        Select-Text 'command:inputTypes/command:inputType/maml:description/maml:para' | Should -Be 'A name.'
        Select-Text 'command:returnValues/command:returnValue/dev:type/maml:name' | Should -Be 'Sample.Thing'
        Select-Text 'maml:alertSet/maml:alert/maml:para' | Should -Be 'A note & more.'
    }

    It 'writes the online version first in the related links, and links to other pages by name' {
        Select-Text 'command:relatedLinks/maml:navigationLink/maml:linkText' | Should -Be @('Online Version:', 'Get-Other', 'Online help')
        Select-Text 'command:relatedLinks/maml:navigationLink/maml:uri' |
            Should -Be @('https://example.com/Get-Sample.md', '', 'https://example.com/help')
    }

    It 'escapes <, & and quotes in the file itself' {
        $text = [System.IO.File]::ReadAllText($mamlPath)
        $text | Should -Match ([regex]::Escape('Gets &lt;samples&gt; &amp; "quoted" ''things''.'))
        $text | Should -Match ([regex]::Escape('Get-Sample -Name ''a&amp;b'''))
        $text | Should -Not -Match '<samples>|<angle>|<none>'
    }

    It 'writes help that Get-Help reads: synopsis, parameters and examples' {
        # A script module function with .ExternalHelp reads MAML exactly as a binary cmdlet does.
        $moduleDir = Join-Path $TestDrive 'Sample'
        New-Item -ItemType Directory -Path (Join-Path $moduleDir 'en-US') -Force | Out-Null
        Copy-Item $mamlPath (Join-Path $moduleDir 'en-US')
        Set-Content -LiteralPath (Join-Path $moduleDir 'Sample.psm1') -Value @'
function Get-Sample {
    # .ExternalHelp Sample.dll-Help.xml
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'ByName')] [string] $Name,
        [Parameter(Mandatory = $true, ParameterSetName = 'ById')] [int] $Id,
        [switch] $Force
    )
}
'@
        $module = Import-Module (Join-Path $moduleDir 'Sample.psm1') -PassThru -Force
        try {
            $help = Get-Help Get-Sample -Full
            $help.Synopsis | Should -Be 'Gets <samples> & "quoted" ''things''.'
            @($help.parameters.parameter | ForEach-Object name) | Should -Be @('Name', 'Id', 'Force')
            @($help.examples.example).Count | Should -Be 2
            ($help | Out-String) | Should -Match 'Get-Sample \[-Name\] <String> \[-Force\]'
        }
        finally {
            Remove-Module $module
        }
    }
}

Describe 'Export-HyprHelp: the about topic' {
    BeforeAll {
        $script:about = [System.IO.File]::ReadAllLines((Join-Path $out 'about_Sample.help.txt'))
    }

    It 'writes the TOPIC, SHORT DESCRIPTION and LONG DESCRIPTION layout' {
        $about[0..5] | Should -Be @('TOPIC', '    about_Sample', '', 'SHORT DESCRIPTION', '    A short description.', '')
        $about | Should -Contain 'LONG DESCRIPTION'
        $about | Should -Contain '    A SUBSECTION'
        $about | Should -Contain 'SEE ALSO'
        $about | Should -Contain '    Get-Sample -Name ''x'''
    }

    It 'writes plain text, without markdown''s backticks and asterisks' {
        $about | Should -Contain '    Plain text for Get-Help: Get-Sample and bold and emphasis lose their marks.'
    }

    It 'wraps text at 80 columns, list items with a hanging indent' {
        $about | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $first = [array]::IndexOf($about, ($about | Where-Object { $_ -like '    - First item*' }))
        $about[$first + 1] | Should -BeLike '      *'
    }
}

Describe 'Export-HyprHelp: a malformed page fails the build with the file and what is missing' {
    It '<Case>' -ForEach @(
        @{
            Case = 'a missing section'
            Edit = { param($t) $t -replace '(?s)## NOTES.*?(?=## RELATED LINKS)', '' }
            Message = "*Get-Sample.md*'## NOTES' is missing*"
        }
        @{
            Case = 'a parameter without yaml'
            Edit = { param($t) $t -replace '(?s)(### -Id\r?\nThe id\.\r?\n)\r?\n```yaml.*?```', '$1' }
            Message = '*Get-Sample.md*parameter -Id has no *yaml block*'
        }
        @{
            Case = 'a yaml block without Position'
            Edit = { param($t) $t -replace 'Position: Named\r?\n(Default value: None\r?\nAccept pipeline input: True \(ByPropertyName\)\r?\n)', '$1' }
            Message = "*Get-Sample.md*parameter -Id*lacks 'Position:'*"
        }
        @{
            Case = 'a parameter without a description'
            Edit = { param($t) $t -replace '(?m)^Forces \*\*it\*\*.*$', '' }
            Message = '*Get-Sample.md*parameter -Force has no description*'
        }
        @{
            Case = 'an unknown parameter set'
            Edit = { param($t) $t -replace 'Parameter Sets: ById', 'Parameter Sets: ByKey' }
            Message = "*Get-Sample.md*parameter set 'ByKey' is not under '## SYNTAX'*"
        }
        @{
            Case = 'an example without code'
            Edit = { param($t) $t -replace '(?s)```powershell\r?\nGet-Sample -Id 42\r?\n```', '' }
            Message = "*Get-Sample.md*'### Example 2: Get a sample by id' has no code block*"
        }
        @{ Case = 'no front matter'; Edit = { param($t) $t -replace '(?s)^---.*?---\r?\n', '' }; Message = '*Get-Sample.md*front matter*missing*' }
        @{
            Case = 'an unclosed code block'
            Edit = { param($t) $t -replace '(Accept wildcard characters: False\r?\n)```(\r?\n\r?\n### CommonParameters)', '$1$2' }
            Message = '*Get-Sample.md*code block*not closed*'
        }
    ) {
        $broken = New-Docs @{ 'Get-Sample.md' = (& $Edit $SamplePage) }
        $broken | Should -Not -BeNullOrEmpty
        { Export-HyprHelp -DocsPath $broken -OutputPath (Join-Path $TestDrive 'broken') } | Should -Throw -ExpectedMessage $Message
    }

    It 'an about page without its SHORT DESCRIPTION' {
        $broken = New-Docs @{ 'about_Sample.md' = ($SampleAbout -replace '(?s)## SHORT DESCRIPTION.*?(?=## LONG)', '') }
        { Export-HyprHelp -DocsPath $broken -OutputPath (Join-Path $TestDrive 'broken') } |
            Should -Throw -ExpectedMessage "*about_Sample.md*'## SHORT DESCRIPTION' is missing*"
    }
}

Describe 'Read-HyprHelpMarkdown' {
    It 'reads a parameter whose binding differs between parameter sets as one binding per yaml block' {
        $force = @'
### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: ByName
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

```yaml
Type: SwitchParameter
Parameter Sets: ById
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```


'@
        $page = $SamplePage -replace '(?s)### -Force.*?(?=### CommonParameters)', $force.Replace('$', '$$')
        $path = Join-Path (New-Docs @{ 'Get-Sample.md' = $page }) 'Get-Sample.md'
        $parameter = (Read-HyprHelpMarkdown -Path $path).Parameters | Where-Object Name -EQ 'Force'
        @($parameter.Bindings).Count | Should -Be 2
        $parameter.Bindings[0].ParameterSets | Should -Be 'ByName'
        $parameter.Bindings[0].Required | Should -BeFalse
        $parameter.Bindings[1].ParameterSets | Should -Be 'ById'
        $parameter.Bindings[1].Required | Should -BeTrue
    }
}
