# Step 3 of 3 (issue 17): the single-language title and abstract, copied by 0008, are dropped. They are first
# made optional, so that going backwards can add them again to tables that have rows (0008 then fills them).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_library_item_texts_copy'),
    ]

    operations = [
        migrations.AlterField(model_name="libraryitem", name="title",
                              field=models.CharField(blank=True, max_length=300, verbose_name="title")),
        migrations.AlterField(model_name="libraryitem", name="abstract",
                              field=models.TextField(blank=True, max_length=5000, verbose_name="abstract")),
        migrations.AlterField(model_name="historicallibraryitem", name="title",
                              field=models.CharField(blank=True, max_length=300, verbose_name="title")),
        migrations.AlterField(model_name="historicallibraryitem", name="abstract",
                              field=models.TextField(blank=True, max_length=5000, verbose_name="abstract")),
        migrations.RemoveField(
            model_name='historicallibraryitem',
            name='abstract',
        ),
        migrations.RemoveField(
            model_name='historicallibraryitem',
            name='title',
        ),
        migrations.RemoveField(
            model_name='libraryitem',
            name='abstract',
        ),
        migrations.RemoveField(
            model_name='libraryitem',
            name='title',
        ),
    ]
