<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BrowseScreen</name>
    <message>
        <location filename="../../ui/screens/browse.py" line="153"/>
        <location filename="../../ui/screens/browse.py" line="187"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/browse.py" line="166"/>
        <source>共 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item, tap it to read the guide</numerusform>
            <numerusform>%n items, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="171"/>
        <source>暂时无法加载，请稍后再试。</source>
        <translation>Cannot load right now, please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="205"/>
        <source>请在左侧选择一类，右侧显示其中的事项</source>
        <translation>Choose a group on the left; its items are listed on the right</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="207"/>
        <source>本类暂无内容</source>
        <translation>Nothing in this group yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="211"/>
        <source>分类浏览</source>
        <translation>Browse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="220"/>
        <source>一件事联办：我要办理</source>
        <translation>Apply for all of these at once</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="213"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="214"/>
        <source>一件事</source>
        <translation>One-stop bundles</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="215"/>
        <source>人生事件</source>
        <translation>Life events</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="216"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
</context>
<context>
    <name>CardBanner</name>
    <message>
        <location filename="../../ui/kiosk_services.py" line="89"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="93"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="94"/>
        <source>居住证</source>
        <translation>residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="95"/>
        <location filename="../../ui/kiosk_services.py" line="96"/>
        <source>永久居留身份证</source>
        <translation>permanent residence ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="97"/>
        <source>社会保障卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="100"/>
        <source>证件</source>
        <translation>card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="101"/>
        <source>已读取%1：%2 — 选择要办理的事项</source>
        <translation>%1 read: %2 — choose a service to apply for</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../ui/screens/guide.py" line="98"/>
        <source>正在加载办事指南…</source>
        <translation>Loading the guide…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="164"/>
        <source>暂时无法显示该事项，请稍后再试或到窗口咨询。</source>
        <translation>This item cannot be shown right now. Please try again later or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="186"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="214"/>
        <source>支持</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="214"/>
        <source>不支持</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="220"/>
        <source>基本编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="221"/>
        <source>事项类型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="223"/>
        <source>主管部门</source>
        <translation>Competent department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="226"/>
        <source>服务对象</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="227"/>
        <source>行使层级</source>
        <translation>Handled at</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="232"/>
        <source>本事项为演示数据，仅供体验，不作为办事依据。</source>
        <translation>Demo data for trying out the terminal; not an official guide.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="233"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="238"/>
        <source>一次告知 · 请带齐以下材料</source>
        <translation>Checklist · please bring all of these</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="239"/>
        <source>共 %n 项材料，</source>
        <translation>
            <numerusform>%n document, </numerusform>
            <numerusform>%n documents, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="239"/>
        <source>其中必需 %n 项。</source>
        <translation>
            <numerusform>%n of them required. </numerusform>
            <numerusform>%n of them required. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="241"/>
        <source>本事项支持容缺受理：非关键材料可先受理、后补交。</source>
        <translation>Applications are accepted with non-essential documents missing; bring them later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="247"/>
        <source>受理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="251"/>
        <location filename="../../ui/screens/guide.py" line="300"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="251"/>
        <location filename="../../ui/screens/guide.py" line="303"/>
        <location filename="../../ui/screens/guide.py" line="344"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="253"/>
        <source>无需到现场（零跑动）</source>
        <translation>No visit needed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="253"/>
        <source>最多跑 %n 次</source>
        <translation>
            <numerusform>At most %n visit</numerusform>
            <numerusform>At most %n visits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="255"/>
        <source>办理时限与到现场次数</source>
        <translation>Time limits and visits</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="258"/>
        <source>法定办结时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="259"/>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="261"/>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="262"/>
        <source>即办件</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="262"/>
        <source>承诺件</source>
        <translation>Done within the promised time</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="266"/>
        <source>到办事现场次数</source>
        <translation>Visits in person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="273"/>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>收费</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>是否收费</source>
        <translation>Charged</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="277"/>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="278"/>
        <source>收费依据</source>
        <translation>Legal basis of the fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="285"/>
        <source>办理方式</source>
        <translation>Ways to apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="288"/>
        <source>网上办理</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="289"/>
        <source>物流快递</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="290"/>
        <source>预约办理</source>
        <translation>By appointment</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="291"/>
        <source>自助终端</source>
        <translation>At a self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="292"/>
        <source>容缺受理</source>
        <translation>Missing documents tolerated</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="303"/>
        <source>办理流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="307"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="308"/>
        <source>结果名称</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="308"/>
        <source>结果类型</source>
        <translation>Result type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="317"/>
        <source>子项与业务办理项</source>
        <translation>Sub-items and cases</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="327"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="328"/>
        <source>实施编码</source>
        <translation>Implementation code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="329"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="330"/>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="331"/>
        <source>咨询电话</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="332"/>
        <source>监督投诉电话</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="337"/>
        <source>实施主体与办理地点</source>
        <translation>Who handles it, and where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="338"/>
        <source>本终端所在地区暂无实施主体，请到窗口咨询。</source>
        <translation>No office handles this item in this area; please ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="343"/>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="349"/>
        <source>所属主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="349"/>
        <source>常用说法</source>
        <translation>Also known as</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="352"/>
        <source>相关主题与常用说法</source>
        <translation>Themes and other names</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="359"/>
        <source>第 %1 版，共 %n 项内容</source>
        <translation>
            <numerusform>Version %1, %n field</numerusform>
            <numerusform>Version %1, %n fields</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="360"/>
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="364"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="364"/>
        <source>非必需</source>
        <translation>optional</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="366"/>
        <source>%n 份</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="371"/>
        <source>来源</source>
        <translation>Where to get it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="372"/>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="373"/>
        <source>空白表格</source>
        <translation>Blank form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="374"/>
        <source>示例样表</source>
        <translation>Sample</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="375"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="45"/>
        <source>欢迎使用政务服务自助终端</source>
        <translation>Welcome to the government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="46"/>
        <source>请点击下方按钮选择服务。查看办事指南无需登录。</source>
        <translation>Tap a button below to choose a service. Reading guides needs no log-in.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="48"/>
        <source>办事指南
查找事项</source>
        <translation>Service guides
Find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="49"/>
        <source>分类浏览
部门 · 主题</source>
        <translation>Browse
Departments · themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="130"/>
        <location filename="../../ui/screens/home.py" line="50"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="51"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="52"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="53"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/shell.py" line="95"/>
        <source>您还在使用吗？
倒计时结束后将清除本页信息并返回首页</source>
        <translation>Are you still there?
When the countdown ends, this page is cleared and the kiosk returns home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="96"/>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/shell.py" line="616"/>
        <source>云办 · 政务服务自助终端</source>
        <translation>Yunban · Government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="617"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="618"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="619"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="622"/>
        <source>标准字体</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="622"/>
        <source>大字模式</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="10"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="11"/>
        <source>市级</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="12"/>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="13"/>
        <source>乡级</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="14"/>
        <source>村级</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="17"/>
        <source>行政许可</source>
        <translation>Administrative licence</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="18"/>
        <source>行政确认</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="19"/>
        <source>行政给付</source>
        <translation>Administrative benefit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="20"/>
        <source>行政奖励</source>
        <translation>Administrative award</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="21"/>
        <source>行政裁决</source>
        <translation>Administrative ruling</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="22"/>
        <source>行政征收</source>
        <translation>Administrative levy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="23"/>
        <source>行政检查</source>
        <translation>Administrative inspection</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="24"/>
        <source>其他行政权力</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="25"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="28"/>
        <source>自然人</source>
        <translation>Individuals</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="29"/>
        <source>法人</source>
        <translation>Organisations</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="40"/>
        <source>系统维护中</source>
        <translation>Under maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="41"/>
        <source>事项目录暂时无法使用，请到服务窗口办理，或稍后再试。
给您带来不便，敬请谅解。</source>
        <translation>The service catalogue is unavailable. Please go to a service window or try again later.
We apologise for the inconvenience.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="42"/>
        <source>技术信息：%1</source>
        <translation>Technical details: %1</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="40"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="41"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="42"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="43"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="47"/>
        <source>本终端暂未开通此项服务，将在后续版本提供。
现在可以先查看办事指南，或到服务窗口办理。</source>
        <translation>This service is not available on this terminal yet; it will come in a later version.
You can read the service guides now, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="49"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../ui/screens/search.py" line="219"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="221"/>
        <source>暂时无法查询，请稍后再试或到窗口咨询。</source>
        <translation>Search is unavailable right now. Please try again later or ask at a service window.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/search.py" line="223"/>
        <source>找到 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item found, tap it to read the guide</numerusform>
            <numerusform>%n items found, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="225"/>
        <source>没有找到相关事项。请换个说法试试，如“低保”“身份证”，或到窗口咨询。</source>
        <translation>Nothing found. Try other words, or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="227"/>
        <source>常办事项如下，点击查看；也可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Frequently used items below: tap one, or type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="229"/>
        <source>可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="233"/>
        <source>办事指南 · 查找事项</source>
        <translation>Service guides · find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="234"/>
        <source>请输入要办的事，如：身份证</source>
        <translation>What do you need? e.g. 身份证 (ID card)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="235"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync_indicator.py" line="41"/>
        <source>同步：检查中</source>
        <translation>Sync: checking</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="43"/>
        <source>待上传 %n 件</source>
        <translation>
            <numerusform>%n to upload</numerusform>
            <numerusform>%n to upload</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="45"/>
        <source>上次同步 %1</source>
        <translation>last sync %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="47"/>
        <source>尚未同步</source>
        <translation>never synced</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../apply/messages.py" line="10"/>
        <source>会话已结束，请重新开始</source>
        <translation>the session was wiped, start again</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="12"/>
        <source>未知的办理渠道「{channel}」（可选：{known}）</source>
        <translation>unknown channel &apos;{channel}&apos; (known: {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="15"/>
        <source>主题 {theme} 不是一件事联办，请选择其中的事项</source>
        <translation>theme {theme} ({code}) is not a bundle: choose one of its items</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="17"/>
        <source>事项表单定义有误，无法申请（{detail}）</source>
        <translation>the item&apos;s form definition is invalid: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="20"/>
        <source>一件事主题的字段或材料对应有误，无法申请（{detail}）</source>
        <translation>invalid theme mapping: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="22"/>
        <source>证件照片格式应为 {formats}</source>
        <translation>card photo format &apos;{format}&apos; unknown (expected {formats})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="23"/>
        <source>证件照片数据不是有效的 base64</source>
        <translation>card photo: not valid base64</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="24"/>
        <source>表单没有这个字段：{field}</source>
        <translation>the form has no field &apos;{field}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="28"/>
        <source>没有这个材料：{slot}</source>
        <translation>no material slot &apos;{slot}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="29"/>
        <source>文件过大（上限 {limit_mb} MB）</source>
        <translation>file too large (limit {limit_mb} MB)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="30"/>
        <source>无法读取文件 {name}（{reason}）</source>
        <translation>cannot read {name}: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="31"/>
        <source>空文件</source>
        <translation>empty page</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="32"/>
        <source>未配置扫描仪</source>
        <translation>no scanner configured</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="33"/>
        <source>没有第 {page} 页</source>
        <translation>no page {page}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="35"/>
        <source>本事项不支持容缺受理，「{material}」须现在提供</source>
        <translation>this item does not allow deferring &apos;{material}&apos;: provide it now</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="40"/>
        <source>{reason}</source>
        <translation>this card cannot be used for this application: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="43"/>
        <source>表单还有 {count} 处需要修改（{first}）</source>
        <translation>the form has {count} error(s) to fix ({first})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="45"/>
        <source>还缺少必需的材料：{materials}</source>
        <translation>required materials are missing: {materials}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="49"/>
        <source>本终端没有受理编号 {number} 的记录</source>
        <translation>no submission with receipt number {number} here</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="50"/>
        <source>没有找到保留的草稿 {code}</source>
        <translation>no kept draft with code {code}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="52"/>
        <source>没有找到草稿 {code}（保留的草稿 {days} 天后自动删除）</source>
        <translation>no draft with code {code} (kept drafts are deleted after {days} days)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="56"/>
        <source>草稿 {code} 已超过保留期限（保留至 {until}），已删除，请重新申请</source>
        <translation>draft {code} expired (kept until {until}) and was deleted: start a new application</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="62"/>
        <source>受理编号格式或校验位不对：{number}</source>
        <translation>not a valid receipt number: {number}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="65"/>
        <source>评价等级应为 {levels} 之一</source>
        <translation>unknown rating level &apos;{level}&apos; (one of {levels})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="67"/>
        <source>差评请至少选择一个原因</source>
        <translation>a bad rating needs a reason</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="68"/>
        <source>评价内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="70"/>
        <source>咨询投诉的类型应为 {known} 之一</source>
        <translation>unknown kind &apos;{kind}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="73"/>
        <source>咨询投诉的对象应为 {known} 之一</source>
        <translation>unknown subject &apos;{subject}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="75"/>
        <source>请填写内容</source>
        <translation>the text is empty</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="76"/>
        <source>内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="77"/>
        <source>未配置高拍仪</source>
        <translation>no document camera configured</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="35"/>
        <source>回执排版失败（{error}）</source>
        <translation>the receipt could not be laid out ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="36"/>
        <source>打印任务编号不对：{job_id}</source>
        <translation>not a print job id: {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="37"/>
        <source>没有待打印的任务 {job_id}</source>
        <translation>no such print job: {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="39"/>
        <source>打印任务 {job_id} 已过期，已删除，不再打印</source>
        <translation>print job {job_id} expired: removed, it will not be printed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="41"/>
        <source>打印任务 {job_id} 已取消</source>
        <translation>print job {job_id} was cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="44"/>
        <source>{problem}。任务已保留，可重试：yunban devices print-retry {job_id}</source>
        <translation>{problem}. The job is kept; retry with: yunban devices print-retry {job_id}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="47"/>
        <source>页面无法压缩到限定大小（{error}）</source>
        <translation>the page cannot be compressed to the size limit ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="49"/>
        <source>无法读取 {path}（{error}）</source>
        <translation>cannot read {path} ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="51"/>
        <source>无法监听 127.0.0.1:{port}（{error}）</source>
        <translation>cannot listen on 127.0.0.1:{port} ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="58"/>
        <source>读卡器就绪</source>
        <translation>card reader ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="59"/>
        <source>读卡器就绪，安全模块正常</source>
        <translation>card reader ready, SAM ok</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="60"/>
        <source>PC/SC读卡器就绪：{reader}</source>
        <translation>PC/SC reader ready: {reader}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="61"/>
        <source>模拟读卡器就绪（演示证件：{card}）</source>
        <translation>simulated reader ready (demo card: {card})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="62"/>
        <source>未配置读卡器串口</source>
        <translation>no serial port configured for the GA 467 reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="64"/>
        <source>未知的读卡器驱动：{driver}（可用：{known}）</source>
        <translation>unknown card driver {driver} (known: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="66"/>
        <source>读卡器正在自动读卡，请稍后再试</source>
        <translation>the reader is busy watching for cards; try again shortly</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="67"/>
        <source>读卡器无应答，读卡超时，请检查读卡器</source>
        <translation>the reader stopped answering; the read timed out</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="68"/>
        <source>读卡已取消</source>
        <translation>reading was cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="69"/>
        <source>未检测到证件</source>
        <translation>no card on the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="72"/>
        <source>{timeout:g}秒内未检测到证件，请将证件平放在读卡区</source>
        <translation>no card was laid on the reader within {timeout:g} s</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="76"/>
        <source>{timeout:g}秒内未检测到新放置的证件；已读过的证件请拿起后重新放置</source>
        <translation>no newly laid card within {timeout:g} s; a card already read must be lifted and laid again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="78"/>
        <source>这张证件已读取，请拿起证件后重新放置</source>
        <translation>this card was already read: lift it and lay it again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="79"/>
        <source>读取过程中证件被移开，请重新放置并保持不动</source>
        <translation>the card was lifted while it was being read; lay it again and keep it still</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="82"/>
        <source>读取过程中证件被移开，请重新放置并保持不动（状态码0x{sw3:02X}）</source>
        <translation>the card was lifted while it was being read; lay it again and keep it still (status 0x{sw3:02X})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="85"/>
        <source>读取过程中卡片被移开，请重新插入并保持不动</source>
        <translation>the card was removed while it was being read; insert it again and keep it still</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="87"/>
        <source>记录不完整，证件可能被移开</source>
        <translation>record {tag} truncated; was the card lifted?</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="88"/>
        <source>读卡器故障，已停止读卡</source>
        <translation>the reader failed and stopped reading: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="89"/>
        <source>读卡器已断开（{port}），请检查连接线</source>
        <translation>the reader on {port} was disconnected; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="90"/>
        <source>PC/SC读卡器已断开</source>
        <translation>the PC/SC reader was disconnected ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="91"/>
        <source>读卡器不可用</source>
        <translation>the card reader is not available</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="92"/>
        <source>无法打开读卡器串口{port}，请检查连接</source>
        <translation>cannot open the reader&apos;s port {port}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="93"/>
        <source>PC/SC服务（pcscd）未运行，请启动pcscd服务</source>
        <translation>the PC/SC service (pcscd) is not running; start pcscd ({error})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="94"/>
        <source>未找到PC/SC读卡器（现有：无）</source>
        <translation>no PC/SC reader (none present)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="97"/>
        <source>未找到PC/SC读卡器“{wanted}”（现有：{present}）</source>
        <translation>no PC/SC reader “{wanted}” (present: {present})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="99"/>
        <source>缺少{library}库，无法使用{driver}读卡器</source>
        <translation>the {library} library is not installed: the {driver} reader cannot be used</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="100"/>
        <source>读卡器无应答，请检查电源和连接线</source>
        <translation>the reader did not answer; check its power and cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="101"/>
        <source>读卡器应答不完整</source>
        <translation>truncated reply from the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="104"/>
        <source>读卡器应答不完整（收到{got}字节，应有{expected}字节）</source>
        <translation>truncated reply from the reader ({got} of {expected} bytes)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="106"/>
        <source>读卡器应答校验和错误，请重试</source>
        <translation>bad checksum in the reader&apos;s reply; try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="108"/>
        <source>{status}（状态码0x{sw3:02X}），请检查串口连接</source>
        <translation>{status} (status 0x{sw3:02X}); check the serial cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="112"/>
        <source>读卡器安全模块故障：{status}（状态码0x{sw3:02X}），请联系技术人员</source>
        <translation>reader SAM fault: {status} (status 0x{sw3:02X}); call a technician</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="114"/>
        <source>{status}（状态码0x{sw3:02X}）</source>
        <translation>{status} (status 0x{sw3:02X})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="115"/>
        <source>读卡器应答格式错误（帧头不符）</source>
        <translation>malformed reply from the reader (bad preamble)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="116"/>
        <source>读卡器应答过短</source>
        <translation>reply too short to hold a status</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="117"/>
        <source>命令过短</source>
        <translation>command too short</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="118"/>
        <source>读卡失败</source>
        <translation>reading the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="119"/>
        <source>不支持这种证件</source>
        <translation>this card cannot be read here</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="120"/>
        <source>不支持的证件类型“{letter}”（第248字节）</source>
        <translation>unsupported card type “{letter}” (byte 248 of the card text)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="121"/>
        <source>证件文字信息长度应为256字节，收到{length}字节</source>
        <translation>card text of {length} bytes, not 256</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="122"/>
        <source>基本信息应答过短</source>
        <translation>base message reply too short</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="123"/>
        <source>基本信息长度不符（{length}字节）</source>
        <translation>base message length mismatch ({length} bytes)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="126"/>
        <source>这张卡不是社会保障卡，或未开通公共信息应用（状态字{sw}）</source>
        <translation>not a social security card, or its public application is missing (SW {sw})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="129"/>
        <source>读取社会保障卡失败：{status}（状态字{sw}，{step}）</source>
        <translation>reading the social security card failed: {status} (SW {sw}, {step})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="131"/>
        <source>记录格式错误（应为标签{tag}）</source>
        <translation>malformed record (expected tag {tag}, got {got})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="132"/>
        <source>操作成功</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="133"/>
        <source>找卡成功</source>
        <translation>card found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="134"/>
        <source>读卡器收到的命令校验和错误</source>
        <translation>the reader received a command with a bad checksum</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="135"/>
        <source>读卡器收到的命令长度错误</source>
        <translation>the reader received a command of wrong length</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="136"/>
        <source>读卡器不支持该命令</source>
        <translation>the reader does not know this command</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="137"/>
        <source>越权操作</source>
        <translation>operation not permitted</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="138"/>
        <source>读卡器内部未知错误</source>
        <translation>unknown error inside the reader</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="139"/>
        <source>证件认证安全模块失败</source>
        <translation>the card failed to authenticate the SAM</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="140"/>
        <source>安全模块认证证件失败</source>
        <translation>the SAM failed to authenticate the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="141"/>
        <source>信息验证失败</source>
        <translation>information verification failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="142"/>
        <source>无法识别的证件类型</source>
        <translation>unknown card type</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="143"/>
        <source>读证件操作失败</source>
        <translation>reading the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="144"/>
        <source>取随机数失败</source>
        <translation>getting a random number failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="145"/>
        <source>安全模块自检失败</source>
        <translation>the SAM self-test failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="146"/>
        <source>安全模块未经授权</source>
        <translation>the SAM is not authorised</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="147"/>
        <source>未找到证件</source>
        <translation>no card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="148"/>
        <source>选取证件失败</source>
        <translation>selecting the card failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="149"/>
        <source>证件中无此项内容</source>
        <translation>the card holds no such content</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="150"/>
        <source>未知状态码0x{sw3:02X}</source>
        <translation>unknown status 0x{sw3:02X}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="151"/>
        <source>所选文件已失效</source>
        <translation>selected file invalidated</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="152"/>
        <source>卡片存储器故障</source>
        <translation>card memory failure</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="153"/>
        <source>命令长度错误</source>
        <translation>wrong length</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="154"/>
        <source>安全状态不满足（需要PIN或认证）</source>
        <translation>security status not satisfied (PIN or authentication needed)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="155"/>
        <source>认证方法已锁定</source>
        <translation>authentication method blocked</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="156"/>
        <source>使用条件不满足</source>
        <translation>conditions of use not satisfied</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="157"/>
        <source>当前没有选中文件</source>
        <translation>no current file selected</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="158"/>
        <source>卡片不支持此功能</source>
        <translation>function not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="159"/>
        <source>卡片上没有这个文件或应用</source>
        <translation>file or application not found on the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="160"/>
        <source>卡片上没有这条记录</source>
        <translation>record not found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="161"/>
        <source>参数P1、P2错误</source>
        <translation>incorrect parameters P1-P2</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="162"/>
        <source>卡片不支持此指令</source>
        <translation>instruction not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="163"/>
        <source>卡片不支持此指令类别</source>
        <translation>class not supported by the card</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="164"/>
        <source>卡片内部错误</source>
        <translation>card internal error</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="165"/>
        <source>卡片拒绝了指令</source>
        <translation>the card refused the command</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="167"/>
        <source>未配置打印机</source>
        <translation>no printer configured (devices.printer.uri)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="168"/>
        <source>打印机地址无法识别：{uri}</source>
        <translation>printer URI not understood: {uri}; use tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600 or file:PATH</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="169"/>
        <source>缺少打印机驱动库</source>
        <translation>a printer driver library is not installed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="170"/>
        <source>缺少打印机驱动库 python-escpos</source>
        <translation>python-escpos is not installed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="171"/>
        <source>缺少 USB 驱动库 pyusb</source>
        <translation>USB printing needs pyusb (pip install pyusb)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="172"/>
        <source>打印机拒绝连接：{where}</source>
        <translation>connection refused by {where}: is it switched on?</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="173"/>
        <source>连接打印机超时：{where}</source>
        <translation>no answer from {where} (timeout)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="174"/>
        <source>无法连接打印机：{where}</source>
        <translation>cannot open {where}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="175"/>
        <source>找不到打印机设备：{where}</source>
        <translation>{where} does not exist (unplugged?)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="176"/>
        <source>未找到 USB 打印机：{where}</source>
        <translation>no USB device {where} (unplugged?)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="177"/>
        <source>没有权限访问打印机：{where}</source>
        <translation>permission denied on {where}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="178"/>
        <source>打印数据发送失败，回执未打印完整，请重试</source>
        <translation>sending to {where} failed ({error}); the receipt is incomplete, try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="181"/>
        <source>打印过程中与打印机的连接中断，回执可能未打印，请重试</source>
        <translation>the printer stopped answering during the job; the receipt may not be printed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="183"/>
        <source>打印机缺纸，请装纸后重试</source>
        <translation>the printer is out of paper; load paper and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="184"/>
        <source>打印机纸仓盖未关好</source>
        <translation>the printer&apos;s cover is open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="185"/>
        <source>打印机处于离线状态</source>
        <translation>the printer is offline</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="188"/>
        <source>打印中途缺纸，回执可能不完整，请装纸后重新打印</source>
        <translation>paper ran out during the job; the receipt may be incomplete: load paper and print it again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="192"/>
        <source>打印机型号配置有误：没有“{profile}”这个型号（可用：{known}）</source>
        <translation>unknown printer profile “{profile}” (ours: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="196"/>
        <source>打印机型号配置有误：“{profile}”没有说明纸宽，请用：{known}</source>
        <translation>printer profile “{profile}” does not state its paper width; use one of ours: {known}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="200"/>
        <source>光栅打印需要中文字体（Debian：fonts-noto-cjk 或 fonts-wqy-microhei）</source>
        <translation>raster printing needs a CJK font (Debian: fonts-noto-cjk or fonts-wqy-microhei)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="202"/>
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="203"/>
        <source>纸将用完，请准备换纸</source>
        <translation>paper near end: have a new roll ready</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="204"/>
        <source>缺纸</source>
        <translation>paper out</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="205"/>
        <source>纸仓盖打开</source>
        <translation>cover open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="206"/>
        <source>离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="207"/>
        <source>此连接方式无法读取状态</source>
        <translation>status not available over this transport</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="208"/>
        <source>打印失败</source>
        <translation>printing failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="211"/>
        <source>扫描仪驱动配置有误：{driver}（可用：{known}）</source>
        <translation>unknown scanner driver {driver} (devices.scanner.driver: {known})</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="213"/>
        <source>请指定要导入的文件（--device PATH）</source>
        <translation>name the file to import (--device PATH)</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="214"/>
        <source>从文件导入</source>
        <translation>import from files</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="215"/>
        <source>文件可读取</source>
        <translation>file present</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="216"/>
        <source>文件不存在：{file}</source>
        <translation>file not found: {file}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="217"/>
        <source>扫描仪就绪：{vendor} {model}</source>
        <translation>scanner ready: {vendor} {model}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="218"/>
        <source>未发现扫描仪</source>
        <translation>no scanner found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="219"/>
        <source>找不到扫描仪 {device}</source>
        <translation>scanner {device} not found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="220"/>
        <source>未发现扫描设备</source>
        <translation>no scanning device found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="221"/>
        <source>缺少扫描仪驱动库</source>
        <translation>a scanner library is not installed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="222"/>
        <source>缺少扫描仪驱动库 python-sane</source>
        <translation>python-sane is not installed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="223"/>
        <source>缺少 PDF 组件 QtPdf</source>
        <translation>QtPdf is not available: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="224"/>
        <source>缺少 QtMultimedia</source>
        <translation>QtMultimedia is not available</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="225"/>
        <source>扫描仪进纸器卡纸，请取出卡住的纸张后重试</source>
        <translation>document feeder jammed: take out the stuck sheet and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="226"/>
        <source>进纸器中没有文件，请放入材料后重试</source>
        <translation>the document feeder is empty: put the papers in and try again</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="227"/>
        <source>扫描仪盖板未合上</source>
        <translation>the scanner&apos;s cover is open</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="228"/>
        <source>扫描仪正忙，请稍后重试</source>
        <translation>the scanner is busy; try again shortly</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="229"/>
        <source>扫描仪通信出错，请检查连接线</source>
        <translation>I/O error talking to the scanner; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="230"/>
        <source>没有权限访问扫描仪</source>
        <translation>access to the scanner denied</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="231"/>
        <source>扫描已取消</source>
        <translation>scan cancelled</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="232"/>
        <source>扫描仪不支持该操作</source>
        <translation>operation not supported by the scanner</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="233"/>
        <source>扫描参数无效</source>
        <translation>invalid scan settings</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="234"/>
        <source>内存不足，无法完成扫描</source>
        <translation>out of memory: the scan could not be finished</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="235"/>
        <source>扫描失败：{error}</source>
        <translation>scan failed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="236"/>
        <source>扫描失败</source>
        <translation>scan failed</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="239"/>
        <source>扫描仪无响应，请检查扫描仪后重试；如仍无响应请重启终端</source>
        <translation>the scanner stopped responding; check it and retry, or restart the terminal</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="241"/>
        <source>该扫描仪没有自动进纸器</source>
        <translation>this scanner has no document feeder</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="242"/>
        <source>{problem}（已扫描 {pages} 页）</source>
        <translation>{problem} (after {pages} page(s))</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="243"/>
        <source>扫描仪设置失败：{error}</source>
        <translation>setting up the scanner failed: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="244"/>
        <source>文件无法读取：{file}（{why}）</source>
        <translation>cannot read {file}: {why}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="247"/>
        <source>文件页数过多：{file} 有 {pages} 页，最多 {limit} 页</source>
        <translation>{file} has {pages} pages; at most {limit}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="249"/>
        <source>高拍仪没有响应</source>
        <translation>the document camera did not answer</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="250"/>
        <source>高拍仪正被其他程序占用，请稍后重试</source>
        <translation>the camera is busy (in use by another program): {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="251"/>
        <source>没有权限使用高拍仪</source>
        <translation>access to the camera was denied: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="252"/>
        <source>高拍仪出错：{error}</source>
        <translation>camera error: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="253"/>
        <source>未连接高拍仪</source>
        <translation>no document camera found</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="254"/>
        <source>高拍仪已连接：{name}</source>
        <translation>document camera present: {name}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="255"/>
        <source>模拟高拍仪，非真实设备</source>
        <translation>simulated document camera, no real device</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="257"/>
        <source>模拟高拍仪的图片不存在：{path}</source>
        <translation>simulated camera picture not found: {path}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="259"/>
        <source>图片无法读取：{path}</source>
        <translation>cannot read the picture {path}: {error}</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="260"/>
        <source>高拍仪没有画面，请检查连接线</source>
        <translation>no picture from the document camera; check its cable</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="261"/>
        <source>画面一直在动，请放稳材料后重试</source>
        <translation>the picture never settled; lay the document down and keep hands clear</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="262"/>
        <source>没有识别到二维码，请将回执二维码放在高拍仪下</source>
        <translation>no QR code recognised; lay the receipt&apos;s QR code under the camera</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="263"/>
        <source>未配置高拍仪，无法扫描二维码</source>
        <translation>no document camera configured: QR codes cannot be scanned</translation>
    </message>
    <message>
        <location filename="../devices/messages.py" line="265"/>
        <source>设备故障（{key}）</source>
        <translation>device fault ({key})</translation>
    </message>
</context>
</TS>
